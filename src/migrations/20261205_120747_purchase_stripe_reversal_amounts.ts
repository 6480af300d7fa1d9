import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "purchases" ADD COLUMN "stripe_amount_refunded_cents" numeric DEFAULT 0;
  ALTER TABLE "purchases" ADD COLUMN "stripe_dispute_amount_cents" numeric DEFAULT 0;`)
  // Until now the stored amounts were Stripe's as sent: keep them as such, and clamp the books'.
  await db.execute(sql`
   UPDATE "purchases" SET
     "stripe_amount_refunded_cents" = COALESCE("refunded_amount_cents", 0),
     "stripe_dispute_amount_cents" = COALESCE("dispute_lost_amount_cents", 0),
     "refunded_amount_cents" = LEAST(COALESCE("refunded_amount_cents", 0), "amount_cents"),
     "dispute_lost_amount_cents" = LEAST(COALESCE("dispute_lost_amount_cents", 0), "amount_cents");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "purchases" DROP COLUMN "stripe_amount_refunded_cents";
  ALTER TABLE "purchases" DROP COLUMN "stripe_dispute_amount_cents";`)
}
