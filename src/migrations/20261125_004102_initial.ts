import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_role" AS ENUM('admin', 'editor', 'customer');
  CREATE TYPE "public"."enum_photo_packages_category" AS ENUM('wedding', 'professional', 'celebration', 'artistic');
  CREATE TYPE "public"."enum_generations_images_state" AS ENUM('pending', 'running', 'succeeded', 'blocked', 'failed');
  CREATE TYPE "public"."enum_generations_portrait_type" AS ENUM('single', 'couple', 'family');
  CREATE TYPE "public"."enum_generations_generation_settings_aspect_ratio" AS ENUM('1:1', '3:4', '4:3', '9:16', '16:9');
  CREATE TYPE "public"."enum_generations_generation_settings_quality" AS ENUM('standard', 'high');
  CREATE TYPE "public"."enum_generations_status" AS ENUM('queued', 'running', 'succeeded', 'partially_succeeded', 'failed', 'blocked');
  CREATE TYPE "public"."enum_credit_ledger_kind" AS ENUM('trial_grant', 'purchase_grant', 'admin_grant', 'admin_deduct', 'hold', 'charge', 'refund', 'stripe_refund');
  CREATE TYPE "public"."enum_purchases_status" AS ENUM('pending', 'paid', 'failed', 'expired', 'refunded', 'partially_refunded', 'disputed');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'generatePortraits', 'sweepStuckGenerations', 'reconcileStripeSessions');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'generatePortraits', 'sweepStuckGenerations', 'reconcileStripeSessions');
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"role" "enum_users_role" DEFAULT 'customer' NOT NULL,
  	"shoot_credits" numeric DEFAULT 0,
  	"flagged" boolean DEFAULT false,
  	"flag_reason" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alt" varchar,
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
  	"sizes_thumbnail_filename" varchar,
  	"sizes_card_url" varchar,
  	"sizes_card_width" numeric,
  	"sizes_card_height" numeric,
  	"sizes_card_mime_type" varchar,
  	"sizes_card_filesize" numeric,
  	"sizes_card_filename" varchar,
  	"sizes_hero_url" varchar,
  	"sizes_hero_width" numeric,
  	"sizes_hero_height" numeric,
  	"sizes_hero_mime_type" varchar,
  	"sizes_hero_filesize" numeric,
  	"sizes_hero_filename" varchar
  );
  
  CREATE TABLE "photo_packages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar,
  	"description" varchar,
  	"category" "enum_photo_packages_category" DEFAULT 'wedding' NOT NULL,
  	"images_per_generation" numeric DEFAULT 3 NOT NULL,
  	"cover_image_id" integer,
  	"is_active" boolean DEFAULT true,
  	"is_featured" boolean DEFAULT false,
  	"sort_order" numeric DEFAULT 0,
  	"base_prompt_template" varchar DEFAULT 'Create a {portraitType} portrait for the {packageName} collection in the {theme} theme. Setting: {themeDescription}. Wardrobe: {clothingDescription}. Mood: {atmosphereDescription}. Photography: {technicalSpecs}. Client wishes: {customPrompt}.' NOT NULL,
  	"generation_instructions" jsonb,
  	"settings" jsonb,
  	"metadata" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "package_themes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"package_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"preview_image_id" integer,
  	"setting_prompt" varchar NOT NULL,
  	"clothing_prompt" varchar,
  	"atmosphere_prompt" varchar,
  	"technical_prompt" varchar,
  	"is_active" boolean DEFAULT true,
  	"is_premium" boolean DEFAULT false,
  	"is_seasonal" boolean DEFAULT false,
  	"season_start" varchar,
  	"season_end" varchar,
  	"sort_order" numeric DEFAULT 0,
  	"popularity_score" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "package_themes_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "package_pricing_tiers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"package_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"shoots_count" numeric NOT NULL,
  	"price_cents" numeric NOT NULL,
  	"original_price_cents" numeric,
  	"badge" varchar,
  	"restrictions" jsonb,
  	"sort_order" numeric DEFAULT 0,
  	"is_active" boolean DEFAULT true,
  	"is_default" boolean DEFAULT false,
  	"stripe_product_id" varchar,
  	"stripe_price_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "package_pricing_tiers_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "photo_uploads" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"owner_id" integer NOT NULL,
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
  
  CREATE TABLE "generations_images" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"state" "enum_generations_images_state" DEFAULT 'pending' NOT NULL,
  	"result_id" integer,
  	"attempts" numeric DEFAULT 0,
  	"error" varchar,
  	"latency_ms" numeric
  );
  
  CREATE TABLE "generations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"owner_id" integer NOT NULL,
  	"package_id" integer NOT NULL,
  	"theme_id" integer NOT NULL,
  	"upload_id" integer NOT NULL,
  	"portrait_type" "enum_generations_portrait_type" NOT NULL,
  	"custom_prompt" varchar,
  	"family_member_count" numeric,
  	"generation_settings_aspect_ratio" "enum_generations_generation_settings_aspect_ratio" DEFAULT '1:1' NOT NULL,
  	"generation_settings_style" varchar,
  	"generation_settings_quality" "enum_generations_generation_settings_quality" DEFAULT 'standard' NOT NULL,
  	"status" "enum_generations_status" DEFAULT 'queued' NOT NULL,
  	"image_count" numeric NOT NULL,
  	"progress" numeric DEFAULT 0,
  	"shoot_cost" numeric NOT NULL,
  	"credits_refunded" boolean DEFAULT false,
  	"provider" varchar,
  	"is_preview" boolean DEFAULT false,
  	"prompt" varchar,
  	"error_message" varchar,
  	"attempt" numeric DEFAULT 0,
  	"lease_expires_at" timestamp(3) with time zone,
  	"queued_at" timestamp(3) with time zone,
  	"started_at" timestamp(3) with time zone,
  	"finished_at" timestamp(3) with time zone,
  	"rating" numeric,
  	"rated_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "generation_results" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"owner_id" integer NOT NULL,
  	"generation_id" integer NOT NULL,
  	"index" numeric NOT NULL,
  	"is_preview" boolean DEFAULT false,
  	"model" varchar,
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
  	"sizes_large_url" varchar,
  	"sizes_large_width" numeric,
  	"sizes_large_height" numeric,
  	"sizes_large_mime_type" varchar,
  	"sizes_large_filesize" numeric,
  	"sizes_large_filename" varchar,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar
  );
  
  CREATE TABLE "credit_ledger" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"kind" "enum_credit_ledger_kind" NOT NULL,
  	"amount" numeric NOT NULL,
  	"balance_after" numeric NOT NULL,
  	"shortfall" numeric,
  	"reason" varchar,
  	"reference" varchar,
  	"actor_id" integer,
  	"idempotency_key" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "credit_adjustments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"reason" varchar NOT NULL,
  	"admin_id" integer,
  	"balance_after" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "purchases" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"owner_id" integer NOT NULL,
  	"tier_id" integer,
  	"package_id" integer,
  	"shoots" numeric NOT NULL,
  	"amount_cents" numeric NOT NULL,
  	"currency" varchar DEFAULT 'usd' NOT NULL,
  	"status" "enum_purchases_status" DEFAULT 'pending' NOT NULL,
  	"stripe_session_id" varchar,
  	"stripe_payment_intent_id" varchar,
  	"checkout_url" varchar,
  	"paid_at" timestamp(3) with time zone,
  	"refunded_amount_cents" numeric DEFAULT 0,
  	"shoots_reclaimed" numeric DEFAULT 0,
  	"disputed" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "stripe_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_id" varchar NOT NULL,
  	"type" varchar NOT NULL,
  	"outcome" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "package_analytics" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"generation_id" integer NOT NULL,
  	"package_id" integer,
  	"theme_id" integer,
  	"user_id" integer,
  	"status" varchar,
  	"images_requested" numeric,
  	"images_generated" numeric,
  	"success_rate" numeric,
  	"processing_time_ms" numeric,
  	"provider_latency_ms" numeric,
  	"estimated_cost_cents" numeric,
  	"shoots_charged" numeric,
  	"provider" varchar,
  	"rating" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"meta" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer,
  	"media_id" integer,
  	"photo_packages_id" integer,
  	"package_themes_id" integer,
  	"package_pricing_tiers_id" integer,
  	"photo_uploads_id" integer,
  	"generations_id" integer,
  	"generation_results_id" integer,
  	"credit_ledger_id" integer,
  	"credit_adjustments_id" integer,
  	"purchases_id" integer,
  	"stripe_events_id" integer,
  	"package_analytics_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "photo_packages" ADD CONSTRAINT "photo_packages_cover_image_id_media_id_fk" FOREIGN KEY ("cover_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_themes" ADD CONSTRAINT "package_themes_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_themes" ADD CONSTRAINT "package_themes_preview_image_id_media_id_fk" FOREIGN KEY ("preview_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_themes_texts" ADD CONSTRAINT "package_themes_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."package_themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "package_pricing_tiers" ADD CONSTRAINT "package_pricing_tiers_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_pricing_tiers_texts" ADD CONSTRAINT "package_pricing_tiers_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."package_pricing_tiers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "photo_uploads" ADD CONSTRAINT "photo_uploads_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations_images" ADD CONSTRAINT "generations_images_result_id_generation_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."generation_results"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations_images" ADD CONSTRAINT "generations_images_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "generations" ADD CONSTRAINT "generations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations" ADD CONSTRAINT "generations_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations" ADD CONSTRAINT "generations_theme_id_package_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."package_themes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations" ADD CONSTRAINT "generations_upload_id_photo_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."photo_uploads"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generation_results" ADD CONSTRAINT "generation_results_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generation_results" ADD CONSTRAINT "generation_results_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_adjustments" ADD CONSTRAINT "credit_adjustments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_adjustments" ADD CONSTRAINT "credit_adjustments_admin_id_users_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "purchases" ADD CONSTRAINT "purchases_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "purchases" ADD CONSTRAINT "purchases_tier_id_package_pricing_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."package_pricing_tiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "purchases" ADD CONSTRAINT "purchases_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_analytics" ADD CONSTRAINT "package_analytics_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_analytics" ADD CONSTRAINT "package_analytics_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_analytics" ADD CONSTRAINT "package_analytics_theme_id_package_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."package_themes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_analytics" ADD CONSTRAINT "package_analytics_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_photo_packages_fk" FOREIGN KEY ("photo_packages_id") REFERENCES "public"."photo_packages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_package_themes_fk" FOREIGN KEY ("package_themes_id") REFERENCES "public"."package_themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_package_pricing_tiers_fk" FOREIGN KEY ("package_pricing_tiers_id") REFERENCES "public"."package_pricing_tiers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_photo_uploads_fk" FOREIGN KEY ("photo_uploads_id") REFERENCES "public"."photo_uploads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generations_fk" FOREIGN KEY ("generations_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generation_results_fk" FOREIGN KEY ("generation_results_id") REFERENCES "public"."generation_results"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_credit_ledger_fk" FOREIGN KEY ("credit_ledger_id") REFERENCES "public"."credit_ledger"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_credit_adjustments_fk" FOREIGN KEY ("credit_adjustments_id") REFERENCES "public"."credit_adjustments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_purchases_fk" FOREIGN KEY ("purchases_id") REFERENCES "public"."purchases"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_stripe_events_fk" FOREIGN KEY ("stripe_events_id") REFERENCES "public"."stripe_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_package_analytics_fk" FOREIGN KEY ("package_analytics_id") REFERENCES "public"."package_analytics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_role_idx" ON "users" USING btree ("role");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE INDEX "media_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "media" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "media_sizes_card_sizes_card_filename_idx" ON "media" USING btree ("sizes_card_filename");
  CREATE INDEX "media_sizes_hero_sizes_hero_filename_idx" ON "media" USING btree ("sizes_hero_filename");
  CREATE UNIQUE INDEX "photo_packages_slug_idx" ON "photo_packages" USING btree ("slug");
  CREATE INDEX "photo_packages_category_idx" ON "photo_packages" USING btree ("category");
  CREATE INDEX "photo_packages_cover_image_idx" ON "photo_packages" USING btree ("cover_image_id");
  CREATE INDEX "photo_packages_is_active_idx" ON "photo_packages" USING btree ("is_active");
  CREATE INDEX "photo_packages_updated_at_idx" ON "photo_packages" USING btree ("updated_at");
  CREATE INDEX "photo_packages_created_at_idx" ON "photo_packages" USING btree ("created_at");
  CREATE INDEX "isActive_isFeatured_sortOrder_idx" ON "photo_packages" USING btree ("is_active","is_featured","sort_order");
  CREATE INDEX "package_themes_package_idx" ON "package_themes" USING btree ("package_id");
  CREATE INDEX "package_themes_preview_image_idx" ON "package_themes" USING btree ("preview_image_id");
  CREATE INDEX "package_themes_updated_at_idx" ON "package_themes" USING btree ("updated_at");
  CREATE INDEX "package_themes_created_at_idx" ON "package_themes" USING btree ("created_at");
  CREATE INDEX "package_isActive_sortOrder_idx" ON "package_themes" USING btree ("package_id","is_active","sort_order");
  CREATE INDEX "package_themes_texts_order_parent" ON "package_themes_texts" USING btree ("order","parent_id");
  CREATE INDEX "package_pricing_tiers_package_idx" ON "package_pricing_tiers" USING btree ("package_id");
  CREATE INDEX "package_pricing_tiers_updated_at_idx" ON "package_pricing_tiers" USING btree ("updated_at");
  CREATE INDEX "package_pricing_tiers_created_at_idx" ON "package_pricing_tiers" USING btree ("created_at");
  CREATE INDEX "package_isActive_sortOrder_1_idx" ON "package_pricing_tiers" USING btree ("package_id","is_active","sort_order");
  CREATE INDEX "package_pricing_tiers_texts_order_parent" ON "package_pricing_tiers_texts" USING btree ("order","parent_id");
  CREATE INDEX "photo_uploads_owner_idx" ON "photo_uploads" USING btree ("owner_id");
  CREATE INDEX "photo_uploads_updated_at_idx" ON "photo_uploads" USING btree ("updated_at");
  CREATE INDEX "photo_uploads_created_at_idx" ON "photo_uploads" USING btree ("created_at");
  CREATE UNIQUE INDEX "photo_uploads_filename_idx" ON "photo_uploads" USING btree ("filename");
  CREATE INDEX "photo_uploads_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "photo_uploads" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "generations_images_order_idx" ON "generations_images" USING btree ("_order");
  CREATE INDEX "generations_images_parent_id_idx" ON "generations_images" USING btree ("_parent_id");
  CREATE INDEX "generations_images_result_idx" ON "generations_images" USING btree ("result_id");
  CREATE INDEX "generations_owner_idx" ON "generations" USING btree ("owner_id");
  CREATE INDEX "generations_package_idx" ON "generations" USING btree ("package_id");
  CREATE INDEX "generations_theme_idx" ON "generations" USING btree ("theme_id");
  CREATE INDEX "generations_upload_idx" ON "generations" USING btree ("upload_id");
  CREATE INDEX "generations_status_idx" ON "generations" USING btree ("status");
  CREATE INDEX "generations_updated_at_idx" ON "generations" USING btree ("updated_at");
  CREATE INDEX "generations_created_at_idx" ON "generations" USING btree ("created_at");
  CREATE INDEX "owner_createdAt_idx" ON "generations" USING btree ("owner_id","created_at");
  CREATE INDEX "status_leaseExpiresAt_idx" ON "generations" USING btree ("status","lease_expires_at");
  CREATE INDEX "generation_results_owner_idx" ON "generation_results" USING btree ("owner_id");
  CREATE INDEX "generation_results_generation_idx" ON "generation_results" USING btree ("generation_id");
  CREATE INDEX "generation_results_updated_at_idx" ON "generation_results" USING btree ("updated_at");
  CREATE INDEX "generation_results_created_at_idx" ON "generation_results" USING btree ("created_at");
  CREATE UNIQUE INDEX "generation_results_filename_idx" ON "generation_results" USING btree ("filename");
  CREATE INDEX "generation_results_sizes_large_sizes_large_filename_idx" ON "generation_results" USING btree ("sizes_large_filename");
  CREATE INDEX "generation_results_sizes_thumbnail_sizes_thumbnail_filen_idx" ON "generation_results" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "credit_ledger_user_idx" ON "credit_ledger" USING btree ("user_id");
  CREATE INDEX "credit_ledger_reference_idx" ON "credit_ledger" USING btree ("reference");
  CREATE INDEX "credit_ledger_actor_idx" ON "credit_ledger" USING btree ("actor_id");
  CREATE UNIQUE INDEX "credit_ledger_idempotency_key_idx" ON "credit_ledger" USING btree ("idempotency_key");
  CREATE INDEX "credit_ledger_updated_at_idx" ON "credit_ledger" USING btree ("updated_at");
  CREATE INDEX "credit_ledger_created_at_idx" ON "credit_ledger" USING btree ("created_at");
  CREATE INDEX "user_createdAt_idx" ON "credit_ledger" USING btree ("user_id","created_at");
  CREATE INDEX "credit_adjustments_user_idx" ON "credit_adjustments" USING btree ("user_id");
  CREATE INDEX "credit_adjustments_admin_idx" ON "credit_adjustments" USING btree ("admin_id");
  CREATE INDEX "credit_adjustments_updated_at_idx" ON "credit_adjustments" USING btree ("updated_at");
  CREATE INDEX "credit_adjustments_created_at_idx" ON "credit_adjustments" USING btree ("created_at");
  CREATE INDEX "purchases_owner_idx" ON "purchases" USING btree ("owner_id");
  CREATE INDEX "purchases_tier_idx" ON "purchases" USING btree ("tier_id");
  CREATE INDEX "purchases_package_idx" ON "purchases" USING btree ("package_id");
  CREATE INDEX "purchases_status_idx" ON "purchases" USING btree ("status");
  CREATE UNIQUE INDEX "purchases_stripe_session_id_idx" ON "purchases" USING btree ("stripe_session_id");
  CREATE INDEX "purchases_stripe_payment_intent_id_idx" ON "purchases" USING btree ("stripe_payment_intent_id");
  CREATE INDEX "purchases_updated_at_idx" ON "purchases" USING btree ("updated_at");
  CREATE INDEX "purchases_created_at_idx" ON "purchases" USING btree ("created_at");
  CREATE INDEX "status_paidAt_idx" ON "purchases" USING btree ("status","paid_at");
  CREATE INDEX "owner_createdAt_1_idx" ON "purchases" USING btree ("owner_id","created_at");
  CREATE UNIQUE INDEX "stripe_events_event_id_idx" ON "stripe_events" USING btree ("event_id");
  CREATE INDEX "stripe_events_updated_at_idx" ON "stripe_events" USING btree ("updated_at");
  CREATE INDEX "stripe_events_created_at_idx" ON "stripe_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "package_analytics_generation_idx" ON "package_analytics" USING btree ("generation_id");
  CREATE INDEX "package_analytics_package_idx" ON "package_analytics" USING btree ("package_id");
  CREATE INDEX "package_analytics_theme_idx" ON "package_analytics" USING btree ("theme_id");
  CREATE INDEX "package_analytics_user_idx" ON "package_analytics" USING btree ("user_id");
  CREATE INDEX "package_analytics_updated_at_idx" ON "package_analytics" USING btree ("updated_at");
  CREATE INDEX "package_analytics_created_at_idx" ON "package_analytics" USING btree ("created_at");
  CREATE INDEX "package_createdAt_idx" ON "package_analytics" USING btree ("package_id","created_at");
  CREATE INDEX "theme_createdAt_idx" ON "package_analytics" USING btree ("theme_id","created_at");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_locked_documents_rels_photo_packages_id_idx" ON "payload_locked_documents_rels" USING btree ("photo_packages_id");
  CREATE INDEX "payload_locked_documents_rels_package_themes_id_idx" ON "payload_locked_documents_rels" USING btree ("package_themes_id");
  CREATE INDEX "payload_locked_documents_rels_package_pricing_tiers_id_idx" ON "payload_locked_documents_rels" USING btree ("package_pricing_tiers_id");
  CREATE INDEX "payload_locked_documents_rels_photo_uploads_id_idx" ON "payload_locked_documents_rels" USING btree ("photo_uploads_id");
  CREATE INDEX "payload_locked_documents_rels_generations_id_idx" ON "payload_locked_documents_rels" USING btree ("generations_id");
  CREATE INDEX "payload_locked_documents_rels_generation_results_id_idx" ON "payload_locked_documents_rels" USING btree ("generation_results_id");
  CREATE INDEX "payload_locked_documents_rels_credit_ledger_id_idx" ON "payload_locked_documents_rels" USING btree ("credit_ledger_id");
  CREATE INDEX "payload_locked_documents_rels_credit_adjustments_id_idx" ON "payload_locked_documents_rels" USING btree ("credit_adjustments_id");
  CREATE INDEX "payload_locked_documents_rels_purchases_id_idx" ON "payload_locked_documents_rels" USING btree ("purchases_id");
  CREATE INDEX "payload_locked_documents_rels_stripe_events_id_idx" ON "payload_locked_documents_rels" USING btree ("stripe_events_id");
  CREATE INDEX "payload_locked_documents_rels_package_analytics_id_idx" ON "payload_locked_documents_rels" USING btree ("package_analytics_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "photo_packages" CASCADE;
  DROP TABLE "package_themes" CASCADE;
  DROP TABLE "package_themes_texts" CASCADE;
  DROP TABLE "package_pricing_tiers" CASCADE;
  DROP TABLE "package_pricing_tiers_texts" CASCADE;
  DROP TABLE "photo_uploads" CASCADE;
  DROP TABLE "generations_images" CASCADE;
  DROP TABLE "generations" CASCADE;
  DROP TABLE "generation_results" CASCADE;
  DROP TABLE "credit_ledger" CASCADE;
  DROP TABLE "credit_adjustments" CASCADE;
  DROP TABLE "purchases" CASCADE;
  DROP TABLE "stripe_events" CASCADE;
  DROP TABLE "package_analytics" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  DROP TYPE "public"."enum_users_role";
  DROP TYPE "public"."enum_photo_packages_category";
  DROP TYPE "public"."enum_generations_images_state";
  DROP TYPE "public"."enum_generations_portrait_type";
  DROP TYPE "public"."enum_generations_generation_settings_aspect_ratio";
  DROP TYPE "public"."enum_generations_generation_settings_quality";
  DROP TYPE "public"."enum_generations_status";
  DROP TYPE "public"."enum_credit_ledger_kind";
  DROP TYPE "public"."enum_purchases_status";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
