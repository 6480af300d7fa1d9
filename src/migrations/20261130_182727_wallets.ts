import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photo_packages" ALTER COLUMN "is_active" SET DEFAULT false;
  ALTER TABLE "credit_ledger" ADD COLUMN "wallet_id" integer;
  ALTER TABLE "credit_ledger" ADD COLUMN "wallet_balance_after" numeric;
  ALTER TABLE "credit_adjustments" ADD COLUMN "wallet_id" integer;
  ALTER TABLE "credit_adjustments" ADD COLUMN "internal_note" varchar;
  ALTER TABLE "credit_adjustments" ADD COLUMN "title" varchar;
  ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_wallet_id_photo_packages_id_fk" FOREIGN KEY ("wallet_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_adjustments" ADD CONSTRAINT "credit_adjustments_wallet_id_photo_packages_id_fk" FOREIGN KEY ("wallet_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "credit_ledger_wallet_idx" ON "credit_ledger" USING btree ("wallet_id");
  CREATE INDEX "user_wallet_idx" ON "credit_ledger" USING btree ("user_id","wallet_id");
  CREATE INDEX "credit_adjustments_wallet_idx" ON "credit_adjustments" USING btree ("wallet_id");
  ALTER TABLE "package_pricing_tiers" DROP COLUMN "restrictions";
  ALTER TABLE "package_bundles" DROP COLUMN "original_price_cents";`)
  // Every shoot a customer had becomes a shoot for any package (wallet_id NULL). Old rows were
  // all in that one wallet, so each row's wallet balance after is its balance after.
  await db.execute(sql`
  UPDATE "credit_ledger" SET "wallet_balance_after" = "balance_after" WHERE "wallet_balance_after" IS NULL;`)
  // A wallet is the sum of its ledger rows. Where a balance on the user row has no rows behind it
  // (or differs from them), one carried-over row makes the "any package" wallet equal the balance
  // the customer saw: nothing is lost and nothing is added.
  await db.execute(sql`
  INSERT INTO "credit_ledger" ("user_id", "kind", "amount", "balance_after", "wallet_balance_after", "reason", "idempotency_key")
  SELECT u."id",
         CASE WHEN coalesce(u."shoot_credits", 0) > coalesce(l."total", 0) THEN 'admin_grant'::"enum_credit_ledger_kind" ELSE 'admin_deduct'::"enum_credit_ledger_kind" END,
         coalesce(u."shoot_credits", 0) - coalesce(l."total", 0),
         coalesce(u."shoot_credits", 0),
         coalesce(u."shoot_credits", 0),
         'Balance carried over as shoots for any package',
         'wallets-migration:user:' || u."id"
  FROM "users" u
  LEFT JOIN (SELECT "user_id", sum("amount") AS "total" FROM "credit_ledger" GROUP BY "user_id") l ON l."user_id" = u."id"
  WHERE coalesce(u."shoot_credits", 0) <> coalesce(l."total", 0);`)
  await db.execute(sql`
  UPDATE "credit_adjustments" a
    SET "title" = CASE WHEN a."amount" > 0 THEN '+' ELSE '−' END || abs(a."amount")::text
      || CASE WHEN abs(a."amount") = 1 THEN ' shoot' ELSE ' shoots' END
      || ' for ' || coalesce(u."email", 'user ' || a."user_id"::text) || ' (any package)'
    FROM "users" u
    WHERE u."id" = a."user_id" AND a."title" IS NULL;
  -- A bundle's saving is computed from its tiers now; a typed saving badge would contradict it
  -- (the badge validation refuses one on the next save).
  UPDATE "package_bundles" SET "badge" = NULL WHERE "badge" ~* '(%|\\msave|\\msaving|\\moff\\M)';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "credit_ledger" DROP CONSTRAINT "credit_ledger_wallet_id_photo_packages_id_fk";
  
  ALTER TABLE "credit_adjustments" DROP CONSTRAINT "credit_adjustments_wallet_id_photo_packages_id_fk";
  
  DROP INDEX "credit_ledger_wallet_idx";
  DROP INDEX "user_wallet_idx";
  DROP INDEX "credit_adjustments_wallet_idx";
  ALTER TABLE "photo_packages" ALTER COLUMN "is_active" SET DEFAULT true;
  ALTER TABLE "package_pricing_tiers" ADD COLUMN "restrictions" jsonb;
  ALTER TABLE "package_bundles" ADD COLUMN "original_price_cents" numeric;
  ALTER TABLE "credit_ledger" DROP COLUMN "wallet_id";
  ALTER TABLE "credit_ledger" DROP COLUMN "wallet_balance_after";
  ALTER TABLE "credit_adjustments" DROP COLUMN "wallet_id";
  ALTER TABLE "credit_adjustments" DROP COLUMN "internal_note";
  ALTER TABLE "credit_adjustments" DROP COLUMN "title";`)
}
