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
  // Every existing shoot becomes a shoot for any package (wallet_id NULL): nothing is lost, and
  // each row's wallet balance after is its balance after, as all of it was in that one wallet.
  await db.execute(sql`
  UPDATE "credit_ledger" SET "wallet_balance_after" = "balance_after" WHERE "wallet_balance_after" IS NULL;
  UPDATE "credit_adjustments" SET "title" = CASE WHEN "amount" > 0 THEN '+' ELSE '-' END || abs("amount")::text || ' shoots (any package)'
    WHERE "title" IS NULL;
  -- A bundle's saving is computed from its tiers now; a typed saving badge would contradict it.
  UPDATE "package_bundles" SET "badge" = NULL WHERE "badge" ~* '(%|save|saving)';`)
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
