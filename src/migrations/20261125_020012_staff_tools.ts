import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_analytics_rollup_runs_trigger" AS ENUM('schedule', 'manual');
  CREATE TYPE "public"."enum_analytics_rollup_runs_mode" AS ENUM('incremental', 'full');
  CREATE TYPE "public"."enum_analytics_rollup_runs_status" AS ENUM('running', 'succeeded', 'failed');
  CREATE TYPE "public"."enum_test_renders_portrait_type" AS ENUM('single', 'couple', 'family');
  CREATE TYPE "public"."enum_test_renders_status" AS ENUM('running', 'succeeded', 'blocked', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'refreshAnalyticsRollups';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'refreshThemeSeasons';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'refreshAnalyticsRollups';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'refreshThemeSeasons';
  CREATE TABLE "analytics_rollups" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"day" varchar NOT NULL,
  	"package_id" integer,
  	"theme_id" integer,
  	"generations" numeric DEFAULT 0,
  	"succeeded" numeric DEFAULT 0,
  	"partially_succeeded" numeric DEFAULT 0,
  	"failed" numeric DEFAULT 0,
  	"blocked" numeric DEFAULT 0,
  	"images_requested" numeric DEFAULT 0,
  	"images_generated" numeric DEFAULT 0,
  	"processing_time_ms_total" numeric DEFAULT 0,
  	"processing_time_count" numeric DEFAULT 0,
  	"rating_total" numeric DEFAULT 0,
  	"rating_count" numeric DEFAULT 0,
  	"shoots_used" numeric DEFAULT 0,
  	"estimated_cost_cents" numeric DEFAULT 0,
  	"first_generation_at" timestamp(3) with time zone,
  	"purchases" numeric DEFAULT 0,
  	"shoots_sold" numeric DEFAULT 0,
  	"gross_revenue_cents" numeric DEFAULT 0,
  	"refunded_cents" numeric DEFAULT 0,
  	"revenue_cents" numeric DEFAULT 0,
  	"computed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "analytics_user_days" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"day" varchar NOT NULL,
  	"day_number" numeric NOT NULL,
  	"user_id" integer,
  	"package_id" integer,
  	"generations" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "analytics_rollup_runs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"started_at" timestamp(3) with time zone NOT NULL,
  	"finished_at" timestamp(3) with time zone,
  	"trigger" "enum_analytics_rollup_runs_trigger" NOT NULL,
  	"mode" "enum_analytics_rollup_runs_mode" NOT NULL,
  	"status" "enum_analytics_rollup_runs_status" DEFAULT 'running' NOT NULL,
  	"ran_by_id" integer,
  	"days_recomputed" numeric,
  	"days" varchar,
  	"rows_written" numeric,
  	"themes_rescored" numeric,
  	"duration_ms" numeric,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "test_renders" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"theme_id" integer,
  	"ran_by_id" integer,
  	"portrait_type" "enum_test_renders_portrait_type" NOT NULL,
  	"status" "enum_test_renders_status" DEFAULT 'running' NOT NULL,
  	"message" varchar,
  	"provider" varchar,
  	"is_preview" boolean DEFAULT false,
  	"latency_ms" numeric,
  	"prompt" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar
  );
  
  ALTER TABLE "package_themes" ADD COLUMN "in_season" boolean DEFAULT true;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_rollups_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_user_days_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_rollup_runs_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "test_renders_id" integer;
  ALTER TABLE "analytics_rollups" ADD CONSTRAINT "analytics_rollups_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_rollups" ADD CONSTRAINT "analytics_rollups_theme_id_package_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."package_themes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_user_days" ADD CONSTRAINT "analytics_user_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_user_days" ADD CONSTRAINT "analytics_user_days_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_rollup_runs" ADD CONSTRAINT "analytics_rollup_runs_ran_by_id_users_id_fk" FOREIGN KEY ("ran_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "test_renders" ADD CONSTRAINT "test_renders_theme_id_package_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."package_themes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "test_renders" ADD CONSTRAINT "test_renders_ran_by_id_users_id_fk" FOREIGN KEY ("ran_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "analytics_rollups_key_idx" ON "analytics_rollups" USING btree ("key");
  CREATE INDEX "analytics_rollups_day_idx" ON "analytics_rollups" USING btree ("day");
  CREATE INDEX "analytics_rollups_package_idx" ON "analytics_rollups" USING btree ("package_id");
  CREATE INDEX "analytics_rollups_theme_idx" ON "analytics_rollups" USING btree ("theme_id");
  CREATE INDEX "analytics_rollups_updated_at_idx" ON "analytics_rollups" USING btree ("updated_at");
  CREATE INDEX "analytics_rollups_created_at_idx" ON "analytics_rollups" USING btree ("created_at");
  CREATE INDEX "day_package_idx" ON "analytics_rollups" USING btree ("day","package_id");
  CREATE UNIQUE INDEX "analytics_user_days_key_idx" ON "analytics_user_days" USING btree ("key");
  CREATE INDEX "analytics_user_days_day_idx" ON "analytics_user_days" USING btree ("day");
  CREATE INDEX "analytics_user_days_day_number_idx" ON "analytics_user_days" USING btree ("day_number");
  CREATE INDEX "analytics_user_days_user_idx" ON "analytics_user_days" USING btree ("user_id");
  CREATE INDEX "analytics_user_days_package_idx" ON "analytics_user_days" USING btree ("package_id");
  CREATE INDEX "analytics_user_days_updated_at_idx" ON "analytics_user_days" USING btree ("updated_at");
  CREATE INDEX "analytics_user_days_created_at_idx" ON "analytics_user_days" USING btree ("created_at");
  CREATE INDEX "dayNumber_user_idx" ON "analytics_user_days" USING btree ("day_number","user_id");
  CREATE INDEX "package_dayNumber_idx" ON "analytics_user_days" USING btree ("package_id","day_number");
  CREATE INDEX "analytics_rollup_runs_started_at_idx" ON "analytics_rollup_runs" USING btree ("started_at");
  CREATE INDEX "analytics_rollup_runs_status_idx" ON "analytics_rollup_runs" USING btree ("status");
  CREATE INDEX "analytics_rollup_runs_ran_by_idx" ON "analytics_rollup_runs" USING btree ("ran_by_id");
  CREATE INDEX "analytics_rollup_runs_updated_at_idx" ON "analytics_rollup_runs" USING btree ("updated_at");
  CREATE INDEX "analytics_rollup_runs_created_at_idx" ON "analytics_rollup_runs" USING btree ("created_at");
  CREATE INDEX "test_renders_theme_idx" ON "test_renders" USING btree ("theme_id");
  CREATE INDEX "test_renders_ran_by_idx" ON "test_renders" USING btree ("ran_by_id");
  CREATE INDEX "test_renders_updated_at_idx" ON "test_renders" USING btree ("updated_at");
  CREATE INDEX "test_renders_created_at_idx" ON "test_renders" USING btree ("created_at");
  CREATE UNIQUE INDEX "test_renders_filename_idx" ON "test_renders" USING btree ("filename");
  CREATE INDEX "test_renders_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "test_renders" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "ranBy_createdAt_idx" ON "test_renders" USING btree ("ran_by_id","created_at");
  CREATE INDEX "theme_createdAt_1_idx" ON "test_renders" USING btree ("theme_id","created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_rollups_fk" FOREIGN KEY ("analytics_rollups_id") REFERENCES "public"."analytics_rollups"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_user_days_fk" FOREIGN KEY ("analytics_user_days_id") REFERENCES "public"."analytics_user_days"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_rollup_runs_fk" FOREIGN KEY ("analytics_rollup_runs_id") REFERENCES "public"."analytics_rollup_runs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_test_renders_fk" FOREIGN KEY ("test_renders_id") REFERENCES "public"."test_renders"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "package_themes_in_season_idx" ON "package_themes" USING btree ("in_season");
  CREATE INDEX "payload_locked_documents_rels_analytics_rollups_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_rollups_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_user_days_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_user_days_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_rollup_runs_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_rollup_runs_id");
  CREATE INDEX "payload_locked_documents_rels_test_renders_id_idx" ON "payload_locked_documents_rels" USING btree ("test_renders_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "analytics_rollups" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "analytics_user_days" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "analytics_rollup_runs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "test_renders" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "analytics_rollups" CASCADE;
  DROP TABLE "analytics_user_days" CASCADE;
  DROP TABLE "analytics_rollup_runs" CASCADE;
  DROP TABLE "test_renders" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_rollups_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_user_days_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_rollup_runs_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_test_renders_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'generatePortraits', 'sweepStuckGenerations', 'reconcileStripeSessions');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'generatePortraits', 'sweepStuckGenerations', 'reconcileStripeSessions');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "package_themes_in_season_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_rollups_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_user_days_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_rollup_runs_id_idx";
  DROP INDEX "payload_locked_documents_rels_test_renders_id_idx";
  ALTER TABLE "package_themes" DROP COLUMN "in_season";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_rollups_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_user_days_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_rollup_runs_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "test_renders_id";
  DROP TYPE "public"."enum_analytics_rollup_runs_trigger";
  DROP TYPE "public"."enum_analytics_rollup_runs_mode";
  DROP TYPE "public"."enum_analytics_rollup_runs_status";
  DROP TYPE "public"."enum_test_renders_portrait_type";
  DROP TYPE "public"."enum_test_renders_status";`)
}
