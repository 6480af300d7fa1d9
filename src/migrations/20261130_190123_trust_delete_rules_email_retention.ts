import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Delete rules made true in the schema (rows the studio keeps after a customer, photo, package
// or theme is deleted are detached, set null, instead of failing a NOT NULL), the names a
// generation keeps of its package and theme, the retention reminder mark, and the e-mail and
// retention jobs.

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sendEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'applyRetention';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sendEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'applyRetention';
  ALTER TABLE "generations" ALTER COLUMN "package_id" DROP NOT NULL;
  ALTER TABLE "generations" ALTER COLUMN "theme_id" DROP NOT NULL;
  ALTER TABLE "generations" ALTER COLUMN "upload_id" DROP NOT NULL;
  ALTER TABLE "credit_ledger" ALTER COLUMN "user_id" DROP NOT NULL;
  ALTER TABLE "credit_adjustments" ALTER COLUMN "user_id" DROP NOT NULL;
  ALTER TABLE "purchases" ALTER COLUMN "owner_id" DROP NOT NULL;
  ALTER TABLE "package_analytics" ALTER COLUMN "generation_id" DROP NOT NULL;
  ALTER TABLE "generations" ADD COLUMN "package_name" varchar;
  ALTER TABLE "generations" ADD COLUMN "theme_name" varchar;
  ALTER TABLE "generations" ADD COLUMN "retention_reminder_sent_at" timestamp(3) with time zone;`)
  // Existing generations keep the names too, so a later package or theme delete loses nothing.
  await db.execute(sql`
   UPDATE "generations" g SET "package_name" = p."name" FROM "photo_packages" p WHERE p."id" = g."package_id";
  UPDATE "generations" g SET "theme_name" = t."name" FROM "package_themes" t WHERE t."id" = g."theme_id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'generatePortraits', 'sweepStuckGenerations', 'reconcileStripeSessions', 'refreshAnalyticsRollups', 'refreshThemeSeasons');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'generatePortraits', 'sweepStuckGenerations', 'reconcileStripeSessions', 'refreshAnalyticsRollups', 'refreshThemeSeasons');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "generations" ALTER COLUMN "package_id" SET NOT NULL;
  ALTER TABLE "generations" ALTER COLUMN "theme_id" SET NOT NULL;
  ALTER TABLE "generations" ALTER COLUMN "upload_id" SET NOT NULL;
  ALTER TABLE "credit_ledger" ALTER COLUMN "user_id" SET NOT NULL;
  ALTER TABLE "credit_adjustments" ALTER COLUMN "user_id" SET NOT NULL;
  ALTER TABLE "purchases" ALTER COLUMN "owner_id" SET NOT NULL;
  ALTER TABLE "package_analytics" ALTER COLUMN "generation_id" SET NOT NULL;
  ALTER TABLE "generations" DROP COLUMN "package_name";
  ALTER TABLE "generations" DROP COLUMN "theme_name";
  ALTER TABLE "generations" DROP COLUMN "retention_reminder_sent_at";`)
}
