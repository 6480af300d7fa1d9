import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Analytics per studio (issue 24): the shoots' analytics rows and every rollup table record a
 * studio; a purchase records the platform's application fee, and the daily rollup sums it.
 * Existing analytics rows take their package's studio, else their customer's, else the default
 * studio's (the lowest id: studios are a day old, so a deleted package's shoots were its). Existing
 * Connect purchases take the fee their studio's current platformFeePercent gives (the fee asked
 * at checkout was not recorded); platform sales take 0. The rollup rows take their package's
 * studio now, and the next rollup run rebuilds every day (no run has stored figures any more).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "purchases" ADD COLUMN "application_fee_cents" numeric;
  ALTER TABLE "package_analytics" ADD COLUMN "studio_id" integer;
  ALTER TABLE "analytics_rollups" ADD COLUMN "studio_id" integer;
  ALTER TABLE "analytics_rollups" ADD COLUMN "platform_fee_cents" numeric DEFAULT 0;
  ALTER TABLE "analytics_user_days" ADD COLUMN "studio_id" numeric;
  ALTER TABLE "analytics_likeness_days" ADD COLUMN "studio_id" integer;
  ALTER TABLE "analytics_model_days" ADD COLUMN "studio_id" integer;
  ALTER TABLE "package_analytics" ADD CONSTRAINT "package_analytics_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_rollups" ADD CONSTRAINT "analytics_rollups_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_likeness_days" ADD CONSTRAINT "analytics_likeness_days_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_model_days" ADD CONSTRAINT "analytics_model_days_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "package_analytics_studio_idx" ON "package_analytics" USING btree ("studio_id");
  CREATE INDEX "analytics_rollups_studio_idx" ON "analytics_rollups" USING btree ("studio_id");
  CREATE INDEX "analytics_likeness_days_studio_idx" ON "analytics_likeness_days" USING btree ("studio_id");
  CREATE INDEX "analytics_model_days_studio_idx" ON "analytics_model_days" USING btree ("studio_id");
  UPDATE "purchases" SET "application_fee_cents" = 0 WHERE "stripe_account_id" IS NULL;
  UPDATE "purchases" p SET "application_fee_cents" =
      least(p."amount_cents", greatest(0, round(p."amount_cents" * s."platform_fee_percent" / 100)))
    FROM "studios" s WHERE s."id" = p."studio_id" AND p."stripe_account_id" IS NOT NULL;
  UPDATE "package_analytics" pa SET "studio_id" = coalesce(
      (SELECT pp."studio_id" FROM "photo_packages" pp WHERE pp."id" = pa."package_id"),
      (SELECT u."studio_id" FROM "users" u WHERE u."id" = pa."user_id"),
      (SELECT min("id") FROM "studios"));
  UPDATE "analytics_rollups" r SET "studio_id" = pp."studio_id" FROM "photo_packages" pp WHERE pp."id" = r."package_id";
  UPDATE "analytics_user_days" d SET "studio_id" = pp."studio_id" FROM "photo_packages" pp WHERE pp."id" = d."package_id";
  UPDATE "analytics_likeness_days" d SET "studio_id" = pp."studio_id" FROM "photo_packages" pp WHERE pp."id" = d."package_id";
  UPDATE "analytics_model_days" d SET "studio_id" = pp."studio_id" FROM "photo_packages" pp WHERE pp."id" = d."package_id";
  UPDATE "analytics_rollup_runs" SET "user_figures" = NULL;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "package_analytics" DROP CONSTRAINT "package_analytics_studio_id_studios_id_fk";
  
  ALTER TABLE "analytics_rollups" DROP CONSTRAINT "analytics_rollups_studio_id_studios_id_fk";
  
  ALTER TABLE "analytics_likeness_days" DROP CONSTRAINT "analytics_likeness_days_studio_id_studios_id_fk";
  
  ALTER TABLE "analytics_model_days" DROP CONSTRAINT "analytics_model_days_studio_id_studios_id_fk";
  
  DROP INDEX "package_analytics_studio_idx";
  DROP INDEX "analytics_rollups_studio_idx";
  DROP INDEX "analytics_likeness_days_studio_idx";
  DROP INDEX "analytics_model_days_studio_idx";
  ALTER TABLE "purchases" DROP COLUMN "application_fee_cents";
  ALTER TABLE "package_analytics" DROP COLUMN "studio_id";
  ALTER TABLE "analytics_rollups" DROP COLUMN "studio_id";
  ALTER TABLE "analytics_rollups" DROP COLUMN "platform_fee_cents";
  ALTER TABLE "analytics_user_days" DROP COLUMN "studio_id";
  ALTER TABLE "analytics_likeness_days" DROP COLUMN "studio_id";
  ALTER TABLE "analytics_model_days" DROP COLUMN "studio_id";`)
}
