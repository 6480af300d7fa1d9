import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Stripe Connect (issue 24): a purchase records its studio and the Stripe account it was charged
 * on; a Stripe event is processed once per (account, event id), so `event_key` (unique) replaces
 * the unique `event_id`. Old events keep their id as key; old purchases are the default studio's
 * (lowest id), charged on the platform account.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX "stripe_events_event_id_idx";
  ALTER TABLE "purchases" ADD COLUMN "studio_id" integer;
  ALTER TABLE "purchases" ADD COLUMN "stripe_account_id" varchar;
  ALTER TABLE "stripe_events" ADD COLUMN "account" varchar;
  ALTER TABLE "stripe_events" ADD COLUMN "event_key" varchar;
  UPDATE "stripe_events" SET "event_key" = "event_id";
  ALTER TABLE "stripe_events" ALTER COLUMN "event_key" SET NOT NULL;
  UPDATE "purchases" SET "studio_id" = (SELECT min("id") FROM "studios");
  ALTER TABLE "purchases" ADD CONSTRAINT "purchases_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "purchases_studio_idx" ON "purchases" USING btree ("studio_id");
  CREATE INDEX "purchases_stripe_account_id_idx" ON "purchases" USING btree ("stripe_account_id");
  CREATE INDEX "stripe_events_account_idx" ON "stripe_events" USING btree ("account");
  CREATE UNIQUE INDEX "stripe_events_event_key_idx" ON "stripe_events" USING btree ("event_key");
  CREATE INDEX "stripe_events_event_id_idx" ON "stripe_events" USING btree ("event_id");`)
}

/** Down drops the connected accounts' events (their ids may repeat, and `event_id` is unique again). */
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "purchases" DROP CONSTRAINT "purchases_studio_id_studios_id_fk";
  DROP INDEX "purchases_studio_idx";
  DROP INDEX "purchases_stripe_account_id_idx";
  DROP INDEX "stripe_events_account_idx";
  DROP INDEX "stripe_events_event_key_idx";
  DROP INDEX "stripe_events_event_id_idx";
  DELETE FROM "stripe_events" WHERE "account" IS NOT NULL;
  CREATE UNIQUE INDEX "stripe_events_event_id_idx" ON "stripe_events" USING btree ("event_id");
  ALTER TABLE "purchases" DROP COLUMN "studio_id";
  ALTER TABLE "purchases" DROP COLUMN "stripe_account_id";
  ALTER TABLE "stripe_events" DROP COLUMN "account";
  ALTER TABLE "stripe_events" DROP COLUMN "event_key";`)
}
