import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The studio's books (issue 24): uploads, shoots, portraits, ledger rows, adjustments and test
 * renders record their studio, as purchases and the analytics already did. Existing rows take:
 * - a customer's photo, their studio;
 * - a shoot, its package's studio, else its customer's;
 * - a portrait, its shoot's, else its customer's;
 * - a ledger row, its customer's, else its wallet's package's;
 * - an adjustment, its customer's, else its wallet's package's;
 * - a test render, its theme's, else its editor's first studio;
 * - a sale from before studios (none recorded), its package's, else its bundle lines' first
 *   package's, else its customer's;
 * and otherwise the default studio (the lowest id), as do analytics rows without one. Down drops
 * the new columns; sales and analytics keep the studio they were given (their columns stay).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photo_uploads" ADD COLUMN "studio_id" integer;
  ALTER TABLE "generations" ADD COLUMN "studio_id" integer;
  ALTER TABLE "generation_results" ADD COLUMN "studio_id" integer;
  ALTER TABLE "credit_ledger" ADD COLUMN "studio_id" integer;
  ALTER TABLE "credit_adjustments" ADD COLUMN "studio_id" integer;
  ALTER TABLE "test_renders" ADD COLUMN "studio_id" integer;
  ALTER TABLE "photo_uploads" ADD CONSTRAINT "photo_uploads_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations" ADD CONSTRAINT "generations_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generation_results" ADD CONSTRAINT "generation_results_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_adjustments" ADD CONSTRAINT "credit_adjustments_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "test_renders" ADD CONSTRAINT "test_renders_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "photo_uploads_studio_idx" ON "photo_uploads" USING btree ("studio_id");
  CREATE INDEX "generations_studio_idx" ON "generations" USING btree ("studio_id");
  CREATE INDEX "generation_results_studio_idx" ON "generation_results" USING btree ("studio_id");
  CREATE INDEX "credit_ledger_studio_idx" ON "credit_ledger" USING btree ("studio_id");
  CREATE INDEX "credit_adjustments_studio_idx" ON "credit_adjustments" USING btree ("studio_id");
  CREATE INDEX "test_renders_studio_idx" ON "test_renders" USING btree ("studio_id");
  UPDATE "photo_uploads" t SET "studio_id" = coalesce(
      (SELECT u."studio_id" FROM "users" u WHERE u."id" = t."owner_id"),
      (SELECT min("id") FROM "studios"));
  UPDATE "generations" t SET "studio_id" = coalesce(
      (SELECT p."studio_id" FROM "photo_packages" p WHERE p."id" = t."package_id"),
      (SELECT u."studio_id" FROM "users" u WHERE u."id" = t."owner_id"),
      (SELECT min("id") FROM "studios"));
  UPDATE "generation_results" t SET "studio_id" = coalesce(
      (SELECT g."studio_id" FROM "generations" g WHERE g."id" = t."generation_id"),
      (SELECT u."studio_id" FROM "users" u WHERE u."id" = t."owner_id"),
      (SELECT min("id") FROM "studios"));
  UPDATE "credit_ledger" t SET "studio_id" = coalesce(
      (SELECT u."studio_id" FROM "users" u WHERE u."id" = t."user_id"),
      (SELECT p."studio_id" FROM "photo_packages" p WHERE p."id" = t."wallet_id"),
      (SELECT min("id") FROM "studios"));
  UPDATE "credit_adjustments" t SET "studio_id" = coalesce(
      (SELECT u."studio_id" FROM "users" u WHERE u."id" = t."user_id"),
      (SELECT p."studio_id" FROM "photo_packages" p WHERE p."id" = t."wallet_id"),
      (SELECT min("id") FROM "studios"));
  UPDATE "test_renders" t SET "studio_id" = coalesce(
      (SELECT th."studio_id" FROM "package_themes" th WHERE th."id" = t."theme_id"),
      (SELECT min(ut."tenant_id") FROM "users_tenants" ut WHERE ut."_parent_id" = t."ran_by_id"),
      (SELECT min("id") FROM "studios"));
  UPDATE "purchases" t SET "studio_id" = coalesce(
      (SELECT p."studio_id" FROM "photo_packages" p WHERE p."id" = t."package_id"),
      (SELECT p."studio_id" FROM "purchases_lines" l JOIN "photo_packages" p ON p."id" = l."package_id"
        WHERE l."_parent_id" = t."id" ORDER BY l."_order" LIMIT 1),
      (SELECT u."studio_id" FROM "users" u WHERE u."id" = t."owner_id"),
      (SELECT min("id") FROM "studios"))
    WHERE t."studio_id" IS NULL;
  UPDATE "package_analytics" SET "studio_id" = (SELECT min("id") FROM "studios") WHERE "studio_id" IS NULL;
  UPDATE "analytics_rollups" SET "studio_id" = (SELECT min("id") FROM "studios") WHERE "studio_id" IS NULL;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photo_uploads" DROP CONSTRAINT "photo_uploads_studio_id_studios_id_fk";
  
  ALTER TABLE "generations" DROP CONSTRAINT "generations_studio_id_studios_id_fk";
  
  ALTER TABLE "generation_results" DROP CONSTRAINT "generation_results_studio_id_studios_id_fk";
  
  ALTER TABLE "credit_ledger" DROP CONSTRAINT "credit_ledger_studio_id_studios_id_fk";
  
  ALTER TABLE "credit_adjustments" DROP CONSTRAINT "credit_adjustments_studio_id_studios_id_fk";
  
  ALTER TABLE "test_renders" DROP CONSTRAINT "test_renders_studio_id_studios_id_fk";
  
  DROP INDEX "photo_uploads_studio_idx";
  DROP INDEX "generations_studio_idx";
  DROP INDEX "generation_results_studio_idx";
  DROP INDEX "credit_ledger_studio_idx";
  DROP INDEX "credit_adjustments_studio_idx";
  DROP INDEX "test_renders_studio_idx";
  ALTER TABLE "photo_uploads" DROP COLUMN "studio_id";
  ALTER TABLE "generations" DROP COLUMN "studio_id";
  ALTER TABLE "generation_results" DROP COLUMN "studio_id";
  ALTER TABLE "credit_ledger" DROP COLUMN "studio_id";
  ALTER TABLE "credit_adjustments" DROP COLUMN "studio_id";
  ALTER TABLE "test_renders" DROP COLUMN "studio_id";`)
}
