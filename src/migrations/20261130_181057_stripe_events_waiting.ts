import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "stripe_events" ADD COLUMN "waiting_for_payment_intent" varchar;
  ALTER TABLE "stripe_events" ADD COLUMN "deferred_object" jsonb;
  CREATE INDEX "stripe_events_waiting_for_payment_intent_idx" ON "stripe_events" USING btree ("waiting_for_payment_intent");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "stripe_events_waiting_for_payment_intent_idx";
  ALTER TABLE "stripe_events" DROP COLUMN "waiting_for_payment_intent";
  ALTER TABLE "stripe_events" DROP COLUMN "deferred_object";`)
}
