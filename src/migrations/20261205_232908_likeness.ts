import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photo_packages" ADD COLUMN "likeness_threshold" numeric DEFAULT 0.7;
  ALTER TABLE "photo_packages" ADD COLUMN "likeness_retries" numeric DEFAULT 1;
  ALTER TABLE "generations_images" ADD COLUMN "likeness_score" numeric;
  ALTER TABLE "generations_images" ADD COLUMN "likeness_retries" numeric DEFAULT 0;
  ALTER TABLE "generations_images" ADD COLUMN "likeness_failed" boolean DEFAULT false;
  ALTER TABLE "generations" ADD COLUMN "likeness_refunded_shoots" numeric DEFAULT 0;
  ALTER TABLE "generation_results" ADD COLUMN "likeness_score" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "likeness_passed" boolean;
  ALTER TABLE "generation_results" ADD COLUMN "likeness_threshold" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "likeness_faces_found" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "likeness_faces_expected" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "likeness_retries" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "likeness_people" jsonb;
  ALTER TABLE "package_analytics" ADD COLUMN "model" varchar;
  ALTER TABLE "package_analytics" ADD COLUMN "likeness_checked" numeric;
  ALTER TABLE "package_analytics" ADD COLUMN "likeness_average" numeric;
  ALTER TABLE "package_analytics" ADD COLUMN "likeness_failed" numeric;
  ALTER TABLE "package_analytics" ADD COLUMN "likeness_retries" numeric;
  CREATE INDEX "package_analytics_model_idx" ON "package_analytics" USING btree ("model");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "package_analytics_model_idx";
  ALTER TABLE "photo_packages" DROP COLUMN "likeness_threshold";
  ALTER TABLE "photo_packages" DROP COLUMN "likeness_retries";
  ALTER TABLE "generations_images" DROP COLUMN "likeness_score";
  ALTER TABLE "generations_images" DROP COLUMN "likeness_retries";
  ALTER TABLE "generations_images" DROP COLUMN "likeness_failed";
  ALTER TABLE "generations" DROP COLUMN "likeness_refunded_shoots";
  ALTER TABLE "generation_results" DROP COLUMN "likeness_score";
  ALTER TABLE "generation_results" DROP COLUMN "likeness_passed";
  ALTER TABLE "generation_results" DROP COLUMN "likeness_threshold";
  ALTER TABLE "generation_results" DROP COLUMN "likeness_faces_found";
  ALTER TABLE "generation_results" DROP COLUMN "likeness_faces_expected";
  ALTER TABLE "generation_results" DROP COLUMN "likeness_retries";
  ALTER TABLE "generation_results" DROP COLUMN "likeness_people";
  ALTER TABLE "package_analytics" DROP COLUMN "model";
  ALTER TABLE "package_analytics" DROP COLUMN "likeness_checked";
  ALTER TABLE "package_analytics" DROP COLUMN "likeness_average";
  ALTER TABLE "package_analytics" DROP COLUMN "likeness_failed";
  ALTER TABLE "package_analytics" DROP COLUMN "likeness_retries";`)
}
