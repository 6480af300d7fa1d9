import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_purchases_dispute_outcome" AS ENUM('won', 'lost');
  ALTER TYPE "public"."enum_credit_ledger_kind" ADD VALUE 'stripe_dispute';
  ALTER TABLE "purchases" ADD COLUMN "dispute_outcome" "enum_purchases_dispute_outcome";
  ALTER TABLE "purchases" ADD COLUMN "dispute_lost_amount_cents" numeric DEFAULT 0;
  ALTER TABLE "purchases" ADD COLUMN "reversed_amount_cents" numeric DEFAULT 0;`)
  // Before this migration only refunds reversed a payment.
  await db.execute(sql`
  UPDATE "purchases" SET "reversed_amount_cents" = LEAST("amount_cents", COALESCE("refunded_amount_cents", 0));`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "credit_ledger" ALTER COLUMN "kind" SET DATA TYPE text;
  UPDATE "credit_ledger" SET "kind" = 'stripe_refund' WHERE "kind" = 'stripe_dispute';
  DROP TYPE "public"."enum_credit_ledger_kind";
  CREATE TYPE "public"."enum_credit_ledger_kind" AS ENUM('trial_grant', 'purchase_grant', 'admin_grant', 'admin_deduct', 'hold', 'charge', 'refund', 'stripe_refund');
  ALTER TABLE "credit_ledger" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_credit_ledger_kind" USING "kind"::"public"."enum_credit_ledger_kind";
  ALTER TABLE "purchases" DROP COLUMN "dispute_outcome";
  ALTER TABLE "purchases" DROP COLUMN "dispute_lost_amount_cents";
  ALTER TABLE "purchases" DROP COLUMN "reversed_amount_cents";
  DROP TYPE "public"."enum_purchases_dispute_outcome";`)
}
