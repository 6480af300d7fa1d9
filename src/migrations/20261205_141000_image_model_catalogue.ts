import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The image model catalogue (`image-models`), seeded; package models become relationships to it.
 * Packages set to a retired id (gemini-2.5-flash-image, gemini-3-pro-image-preview,
 * gemini-3.1-flash-image-preview, all shut down by Google in 2026) move to its replacement
 * (gemini-3.1-flash-image or gemini-3-pro-image). Env values cannot be migrated: the app reads a
 * retired GEMINI_IMAGE_MODEL / GEMINI_HIGH_QUALITY_MODEL as its replacement and logs a warning.
 * Down drops the catalogue; packages then fall back to the env models.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  const moved = await db.execute(sql`
    SELECT count(*)::int AS count FROM "photo_packages"
    WHERE "settings_standard_quality_model" IS NOT NULL OR "settings_high_quality_model" IS NOT NULL`)
  // Every value of the old enum is a retired id: each package that named one moves.
  await db.execute(sql`
   CREATE TYPE "public"."enum_image_models_image_sizes" AS ENUM('512', '1K', '2K', '4K');
  CREATE TYPE "public"."enum_image_models_prices_image_size" AS ENUM('512', '1K', '2K', '4K');
  CREATE TYPE "public"."enum_image_models_status" AS ENUM('served', 'notServed', 'retired');
  ALTER TYPE "public"."enum_photo_packages_settings_standard_quality_image_size" ADD VALUE '512' BEFORE '1K';
  ALTER TYPE "public"."enum_photo_packages_settings_high_quality_image_size" ADD VALUE '512' BEFORE '1K';
  ALTER TYPE "public"."enum_generations_generation_settings_image_size" ADD VALUE '512' BEFORE '1K';
  ALTER TYPE "public"."enum_generation_results_image_size" ADD VALUE '512' BEFORE '1K';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'probeImageModels' BEFORE 'reconcileStripeSessions';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'probeImageModels' BEFORE 'reconcileStripeSessions';
  CREATE TABLE "image_models_image_sizes" (
  	"order" integer NOT NULL,
  	"parent_id" varchar NOT NULL,
  	"value" "enum_image_models_image_sizes",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "image_models_prices" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"image_size" "enum_image_models_prices_image_size" NOT NULL,
  	"usd_per_image" numeric NOT NULL
  );
  
  CREATE TABLE "image_models" (
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar NOT NULL,
  	"max_reference_images" numeric NOT NULL,
  	"max_people_references" numeric NOT NULL,
  	"price_source_url" varchar,
  	"price_source_checked_on" timestamp(3) with time zone,
  	"status" "enum_image_models_status" DEFAULT 'served' NOT NULL,
  	"replaced_by_id" varchar,
  	"last_probed_at" timestamp(3) with time zone,
  	"last_probe_error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "photo_packages" ADD COLUMN "settings_standard_quality_model_id" varchar;
  ALTER TABLE "photo_packages" ADD COLUMN "settings_high_quality_model_id" varchar;
  ALTER TABLE "photo_packages" ADD COLUMN "settings_fallback_model_id" varchar;
  ALTER TABLE "generations" ADD COLUMN "generation_settings_fallback_from" varchar;
  ALTER TABLE "generation_results" ADD COLUMN "fallback_from" varchar;
  ALTER TABLE "generation_results" ADD COLUMN "usage_prompt_tokens" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "usage_output_tokens" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "usage_total_tokens" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "cost_usd" numeric;
  ALTER TABLE "generation_results" ADD COLUMN "price_source" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "image_models_id" varchar;
  ALTER TABLE "image_models_image_sizes" ADD CONSTRAINT "image_models_image_sizes_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."image_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "image_models_prices" ADD CONSTRAINT "image_models_prices_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."image_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "image_models" ADD CONSTRAINT "image_models_replaced_by_id_image_models_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."image_models"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "image_models_image_sizes_order_idx" ON "image_models_image_sizes" USING btree ("order");
  CREATE INDEX "image_models_image_sizes_parent_idx" ON "image_models_image_sizes" USING btree ("parent_id");
  CREATE INDEX "image_models_prices_order_idx" ON "image_models_prices" USING btree ("_order");
  CREATE INDEX "image_models_prices_parent_id_idx" ON "image_models_prices" USING btree ("_parent_id");
  CREATE INDEX "image_models_status_idx" ON "image_models" USING btree ("status");
  CREATE INDEX "image_models_replaced_by_idx" ON "image_models" USING btree ("replaced_by_id");
  CREATE INDEX "image_models_updated_at_idx" ON "image_models" USING btree ("updated_at");
  CREATE INDEX "image_models_created_at_idx" ON "image_models" USING btree ("created_at");
  ALTER TABLE "photo_packages" ADD CONSTRAINT "photo_packages_settings_standard_quality_model_id_image_models_id_fk" FOREIGN KEY ("settings_standard_quality_model_id") REFERENCES "public"."image_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "photo_packages" ADD CONSTRAINT "photo_packages_settings_high_quality_model_id_image_models_id_fk" FOREIGN KEY ("settings_high_quality_model_id") REFERENCES "public"."image_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "photo_packages" ADD CONSTRAINT "photo_packages_settings_fallback_model_id_image_models_id_fk" FOREIGN KEY ("settings_fallback_model_id") REFERENCES "public"."image_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_image_models_fk" FOREIGN KEY ("image_models_id") REFERENCES "public"."image_models"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "photo_packages_settings_standard_quality_settings_standa_idx" ON "photo_packages" USING btree ("settings_standard_quality_model_id");
  CREATE INDEX "photo_packages_settings_high_quality_settings_high_quali_idx" ON "photo_packages" USING btree ("settings_high_quality_model_id");
  CREATE INDEX "photo_packages_settings_settings_fallback_model_idx" ON "photo_packages" USING btree ("settings_fallback_model_id");
  CREATE INDEX "payload_locked_documents_rels_image_models_id_idx" ON "payload_locked_documents_rels" USING btree ("image_models_id");
  -- The catalogue's seed (src/generation/imageModels.ts as of this migration): served models first.
  INSERT INTO "image_models" ("id", "label", "max_reference_images", "max_people_references", "price_source_url", "price_source_checked_on", "status", "replaced_by_id") VALUES ('gemini-3.1-flash-image', 'Gemini 3.1 Flash Image', 14, 4, 'https://ai.google.dev/gemini-api/docs/pricing', '2026-09-15', 'served', NULL);
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (1, 'gemini-3.1-flash-image', '512');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (2, 'gemini-3.1-flash-image', '1K');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (3, 'gemini-3.1-flash-image', '2K');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (4, 'gemini-3.1-flash-image', '4K');
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (1, 'gemini-3.1-flash-image', 'seed-gemini-3.1-flash-image-1K', '1K', 0.067);
  INSERT INTO "image_models" ("id", "label", "max_reference_images", "max_people_references", "price_source_url", "price_source_checked_on", "status", "replaced_by_id") VALUES ('gemini-3-pro-image', 'Gemini 3 Pro Image', 14, 5, 'https://ai.google.dev/gemini-api/docs/pricing', '2026-09-15', 'served', NULL);
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (1, 'gemini-3-pro-image', '1K');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (2, 'gemini-3-pro-image', '2K');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (3, 'gemini-3-pro-image', '4K');
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (1, 'gemini-3-pro-image', 'seed-gemini-3-pro-image-1K', '1K', 0.134);
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (2, 'gemini-3-pro-image', 'seed-gemini-3-pro-image-2K', '2K', 0.134);
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (3, 'gemini-3-pro-image', 'seed-gemini-3-pro-image-4K', '4K', 0.24);
  INSERT INTO "image_models" ("id", "label", "max_reference_images", "max_people_references", "price_source_url", "price_source_checked_on", "status", "replaced_by_id") VALUES ('gemini-2.5-flash-image', 'Gemini 2.5 Flash Image (shut down 2 Oct 2026)', 3, 3, 'https://ai.google.dev/gemini-api/docs/pricing', '2026-09-15', 'retired', 'gemini-3.1-flash-image');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (1, 'gemini-2.5-flash-image', '1K');
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (1, 'gemini-2.5-flash-image', 'seed-gemini-2.5-flash-image-1K', '1K', 0.039);
  INSERT INTO "image_models" ("id", "label", "max_reference_images", "max_people_references", "price_source_url", "price_source_checked_on", "status", "replaced_by_id") VALUES ('gemini-3-pro-image-preview', 'Gemini 3 Pro Image Preview (shut down 25 Jun 2026)', 14, 5, 'https://ai.google.dev/gemini-api/docs/pricing', '2026-09-15', 'retired', 'gemini-3-pro-image');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (1, 'gemini-3-pro-image-preview', '1K');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (2, 'gemini-3-pro-image-preview', '2K');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (3, 'gemini-3-pro-image-preview', '4K');
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (1, 'gemini-3-pro-image-preview', 'seed-gemini-3-pro-image-preview-1K', '1K', 0.134);
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (2, 'gemini-3-pro-image-preview', 'seed-gemini-3-pro-image-preview-2K', '2K', 0.134);
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (3, 'gemini-3-pro-image-preview', 'seed-gemini-3-pro-image-preview-4K', '4K', 0.24);
  INSERT INTO "image_models" ("id", "label", "max_reference_images", "max_people_references", "price_source_url", "price_source_checked_on", "status", "replaced_by_id") VALUES ('gemini-3.1-flash-image-preview', 'Gemini 3.1 Flash Image Preview (shut down 25 Jun 2026)', 14, 4, 'https://ai.google.dev/gemini-api/docs/pricing', '2026-09-15', 'retired', 'gemini-3.1-flash-image');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (1, 'gemini-3.1-flash-image-preview', '512');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (2, 'gemini-3.1-flash-image-preview', '1K');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (3, 'gemini-3.1-flash-image-preview', '2K');
  INSERT INTO "image_models_image_sizes" ("order", "parent_id", "value") VALUES (4, 'gemini-3.1-flash-image-preview', '4K');
  INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image") VALUES (1, 'gemini-3.1-flash-image-preview', 'seed-gemini-3.1-flash-image-preview-1K', '1K', 0.067);
  -- Packages set to a model Google shut down move to its replacement (deprecations page).
  UPDATE "photo_packages" SET "settings_standard_quality_model_id" = CASE "settings_standard_quality_model"::text
    WHEN 'gemini-2.5-flash-image' THEN 'gemini-3.1-flash-image'
    WHEN 'gemini-3-pro-image-preview' THEN 'gemini-3-pro-image'
    WHEN 'gemini-3.1-flash-image-preview' THEN 'gemini-3.1-flash-image'
    ELSE "settings_standard_quality_model"::text END
  WHERE "settings_standard_quality_model" IS NOT NULL;
  UPDATE "photo_packages" SET "settings_high_quality_model_id" = CASE "settings_high_quality_model"::text
    WHEN 'gemini-2.5-flash-image' THEN 'gemini-3.1-flash-image'
    WHEN 'gemini-3-pro-image-preview' THEN 'gemini-3-pro-image'
    WHEN 'gemini-3.1-flash-image-preview' THEN 'gemini-3.1-flash-image'
    ELSE "settings_high_quality_model"::text END
  WHERE "settings_high_quality_model" IS NOT NULL;
  ALTER TABLE "photo_packages" DROP COLUMN "settings_standard_quality_model";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_high_quality_model";
  DROP TYPE "public"."enum_photo_packages_settings_standard_quality_model";
  DROP TYPE "public"."enum_photo_packages_settings_high_quality_model";`)
  const count = Number((moved.rows[0] as { count?: number } | undefined)?.count ?? 0)
  payload.logger.info({
    msg: `image model catalogue created; ${count} package(s) on a retired model moved to its replacement`,
  })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_photo_packages_settings_standard_quality_model" AS ENUM('gemini-2.5-flash-image', 'gemini-3-pro-image-preview', 'gemini-3.1-flash-image-preview');
  CREATE TYPE "public"."enum_photo_packages_settings_high_quality_model" AS ENUM('gemini-2.5-flash-image', 'gemini-3-pro-image-preview', 'gemini-3.1-flash-image-preview');
  ALTER TABLE "image_models_image_sizes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "image_models_prices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "image_models" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "image_models_image_sizes" CASCADE;
  DROP TABLE "image_models_prices" CASCADE;
  DROP TABLE "image_models" CASCADE;
  ALTER TABLE "photo_packages" DROP CONSTRAINT "photo_packages_settings_standard_quality_model_id_image_models_id_fk";
  
  ALTER TABLE "photo_packages" DROP CONSTRAINT "photo_packages_settings_high_quality_model_id_image_models_id_fk";
  
  ALTER TABLE "photo_packages" DROP CONSTRAINT "photo_packages_settings_fallback_model_id_image_models_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_image_models_fk";
  
  ALTER TABLE "photo_packages" ALTER COLUMN "settings_standard_quality_image_size" SET DATA TYPE text;
  ALTER TABLE "photo_packages" ALTER COLUMN "settings_standard_quality_image_size" SET DEFAULT '1K'::text;
  DROP TYPE "public"."enum_photo_packages_settings_standard_quality_image_size";
  CREATE TYPE "public"."enum_photo_packages_settings_standard_quality_image_size" AS ENUM('1K', '2K', '4K');
  ALTER TABLE "photo_packages" ALTER COLUMN "settings_standard_quality_image_size" SET DEFAULT '1K'::"public"."enum_photo_packages_settings_standard_quality_image_size";
  ALTER TABLE "photo_packages" ALTER COLUMN "settings_standard_quality_image_size" SET DATA TYPE "public"."enum_photo_packages_settings_standard_quality_image_size" USING "settings_standard_quality_image_size"::"public"."enum_photo_packages_settings_standard_quality_image_size";
  ALTER TABLE "photo_packages" ALTER COLUMN "settings_high_quality_image_size" SET DATA TYPE text;
  ALTER TABLE "photo_packages" ALTER COLUMN "settings_high_quality_image_size" SET DEFAULT '2K'::text;
  DROP TYPE "public"."enum_photo_packages_settings_high_quality_image_size";
  CREATE TYPE "public"."enum_photo_packages_settings_high_quality_image_size" AS ENUM('1K', '2K', '4K');
  ALTER TABLE "photo_packages" ALTER COLUMN "settings_high_quality_image_size" SET DEFAULT '2K'::"public"."enum_photo_packages_settings_high_quality_image_size";
  ALTER TABLE "photo_packages" ALTER COLUMN "settings_high_quality_image_size" SET DATA TYPE "public"."enum_photo_packages_settings_high_quality_image_size" USING "settings_high_quality_image_size"::"public"."enum_photo_packages_settings_high_quality_image_size";
  ALTER TABLE "generations" ALTER COLUMN "generation_settings_image_size" SET DATA TYPE text;
  DROP TYPE "public"."enum_generations_generation_settings_image_size";
  CREATE TYPE "public"."enum_generations_generation_settings_image_size" AS ENUM('1K', '2K', '4K');
  ALTER TABLE "generations" ALTER COLUMN "generation_settings_image_size" SET DATA TYPE "public"."enum_generations_generation_settings_image_size" USING "generation_settings_image_size"::"public"."enum_generations_generation_settings_image_size";
  ALTER TABLE "generation_results" ALTER COLUMN "image_size" SET DATA TYPE text;
  DROP TYPE "public"."enum_generation_results_image_size";
  CREATE TYPE "public"."enum_generation_results_image_size" AS ENUM('1K', '2K', '4K');
  ALTER TABLE "generation_results" ALTER COLUMN "image_size" SET DATA TYPE "public"."enum_generation_results_image_size" USING "image_size"::"public"."enum_generation_results_image_size";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'generatePortraits', 'sweepStuckGenerations', 'reconcileStripeSessions', 'refreshAnalyticsRollups', 'refreshThemeSeasons', 'sendEmail', 'applyRetention');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'generatePortraits', 'sweepStuckGenerations', 'reconcileStripeSessions', 'refreshAnalyticsRollups', 'refreshThemeSeasons', 'sendEmail', 'applyRetention');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "photo_packages_settings_standard_quality_settings_standa_idx";
  DROP INDEX "photo_packages_settings_high_quality_settings_high_quali_idx";
  DROP INDEX "photo_packages_settings_settings_fallback_model_idx";
  DROP INDEX "payload_locked_documents_rels_image_models_id_idx";
  ALTER TABLE "photo_packages" ADD COLUMN "settings_standard_quality_model" "enum_photo_packages_settings_standard_quality_model";
  ALTER TABLE "photo_packages" ADD COLUMN "settings_high_quality_model" "enum_photo_packages_settings_high_quality_model";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_standard_quality_model_id";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_high_quality_model_id";
  ALTER TABLE "photo_packages" DROP COLUMN "settings_fallback_model_id";
  ALTER TABLE "generations" DROP COLUMN "generation_settings_fallback_from";
  ALTER TABLE "generation_results" DROP COLUMN "fallback_from";
  ALTER TABLE "generation_results" DROP COLUMN "usage_prompt_tokens";
  ALTER TABLE "generation_results" DROP COLUMN "usage_output_tokens";
  ALTER TABLE "generation_results" DROP COLUMN "usage_total_tokens";
  ALTER TABLE "generation_results" DROP COLUMN "cost_usd";
  ALTER TABLE "generation_results" DROP COLUMN "price_source";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "image_models_id";
  DROP TYPE "public"."enum_image_models_image_sizes";
  DROP TYPE "public"."enum_image_models_prices_image_size";
  DROP TYPE "public"."enum_image_models_status";`)
}
