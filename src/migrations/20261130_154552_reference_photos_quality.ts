import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_photo_packages_settings_standard_quality_model" AS ENUM('gemini-2.5-flash-image', 'gemini-3-pro-image-preview', 'gemini-3.1-flash-image-preview');
  CREATE TYPE "public"."enum_photo_packages_settings_standard_quality_image_size" AS ENUM('1K', '2K', '4K');
  CREATE TYPE "public"."enum_photo_packages_settings_high_quality_model" AS ENUM('gemini-2.5-flash-image', 'gemini-3-pro-image-preview', 'gemini-3.1-flash-image-preview');
  CREATE TYPE "public"."enum_photo_packages_settings_high_quality_image_size" AS ENUM('1K', '2K', '4K');
  CREATE TYPE "public"."enum_generations_references_role" AS ENUM('person', 'same-person', 'person-1', 'person-2', 'couple', 'family-member', 'group');
  CREATE TYPE "public"."enum_generations_generation_settings_image_size" AS ENUM('1K', '2K', '4K');
  CREATE TYPE "public"."enum_generation_results_image_size" AS ENUM('1K', '2K', '4K');
  CREATE TABLE "generations_references" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"upload_id" integer,
  	"role" "enum_generations_references_role" NOT NULL
  );
  
  ALTER TABLE "photo_packages" ADD COLUMN "settings_premium_shoot_cost" numeric DEFAULT 2;
  ALTER TABLE "photo_packages" ADD COLUMN "settings_high_quality_shoot_cost" numeric DEFAULT 2;
  ALTER TABLE "photo_packages" ADD COLUMN "settings_max_reference_photos" numeric DEFAULT 5;
  ALTER TABLE "photo_packages" ADD COLUMN "settings_standard_quality_model" "enum_photo_packages_settings_standard_quality_model";
  ALTER TABLE "photo_packages" ADD COLUMN "settings_standard_quality_image_size" "enum_photo_packages_settings_standard_quality_image_size" DEFAULT '1K';
  ALTER TABLE "photo_packages" ADD COLUMN "settings_high_quality_offered" boolean DEFAULT true;
  ALTER TABLE "photo_packages" ADD COLUMN "settings_high_quality_model" "enum_photo_packages_settings_high_quality_model";
  ALTER TABLE "photo_packages" ADD COLUMN "settings_high_quality_image_size" "enum_photo_packages_settings_high_quality_image_size" DEFAULT '2K';
  ALTER TABLE "generations" ADD COLUMN "generation_settings_model" varchar;
  ALTER TABLE "generations" ADD COLUMN "generation_settings_image_size" "enum_generations_generation_settings_image_size";
  ALTER TABLE "generation_results" ADD COLUMN "image_size" "enum_generation_results_image_size";
  ALTER TABLE "generations_references" ADD CONSTRAINT "generations_references_upload_id_photo_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."photo_uploads"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations_references" ADD CONSTRAINT "generations_references_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "generations_references_order_idx" ON "generations_references" USING btree ("_order");
  CREATE INDEX "generations_references_parent_id_idx" ON "generations_references" USING btree ("_parent_id");
  CREATE INDEX "generations_references_upload_idx" ON "generations_references" USING btree ("upload_id");
  -- Keep each package's premium cost from the old JSON settings (whole numbers 1-10 only).
  UPDATE "photo_packages" SET "settings_premium_shoot_cost" = ("settings"->>'premiumShootCost')::numeric
    WHERE jsonb_typeof("settings"->'premiumShootCost') = 'number'
      AND ("settings"->>'premiumShootCost')::numeric BETWEEN 1 AND 10
      AND ("settings"->>'premiumShootCost')::numeric = floor(("settings"->>'premiumShootCost')::numeric);
  -- Earlier generations had one photo: it becomes their single reference, with the role its portrait type implies.
  INSERT INTO "generations_references" ("_order", "_parent_id", "id", "upload_id", "role")
    SELECT 1, "id", substr(md5(random()::text || "id"::text), 1, 24), "upload_id",
      (CASE "portrait_type" WHEN 'single' THEN 'person' WHEN 'couple' THEN 'couple' ELSE 'group' END)::"enum_generations_references_role"
    FROM "generations";
  ALTER TABLE "photo_packages" DROP COLUMN "settings";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "generations_references" CASCADE;
  ALTER TABLE "photo_packages" ADD COLUMN "settings" jsonb;
  ALTER TABLE "photo_packages" DROP COLUMN "settings_premium_shoot_cost";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_high_quality_shoot_cost";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_max_reference_photos";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_standard_quality_model";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_standard_quality_image_size";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_high_quality_offered";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_high_quality_model";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_high_quality_image_size";
  ALTER TABLE "generations" DROP COLUMN "generation_settings_model";
  ALTER TABLE "generations" DROP COLUMN "generation_settings_image_size";
  ALTER TABLE "generation_results" DROP COLUMN "image_size";
  DROP TYPE "public"."enum_photo_packages_settings_standard_quality_model";
  DROP TYPE "public"."enum_photo_packages_settings_standard_quality_image_size";
  DROP TYPE "public"."enum_photo_packages_settings_high_quality_model";
  DROP TYPE "public"."enum_photo_packages_settings_high_quality_image_size";
  DROP TYPE "public"."enum_generations_references_role";
  DROP TYPE "public"."enum_generations_generation_settings_image_size";
  DROP TYPE "public"."enum_generation_results_image_size";`)
}
