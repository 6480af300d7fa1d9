import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "analytics_likeness_days" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"day" varchar NOT NULL,
  	"package_id" integer,
  	"theme_id" integer,
  	"model" varchar,
  	"portraits_checked" numeric DEFAULT 0,
  	"likeness_total" numeric DEFAULT 0,
  	"likeness_scored" numeric DEFAULT 0,
  	"refunded" numeric DEFAULT 0,
  	"retries" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "analytics_model_days" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"day" varchar NOT NULL,
  	"package_id" integer,
  	"model" varchar,
  	"image_size" varchar,
  	"is_preview" boolean DEFAULT false,
  	"price_source" varchar,
  	"portraits" numeric DEFAULT 0,
  	"priced" numeric DEFAULT 0,
  	"cost_usd" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "analytics_user_days" DROP CONSTRAINT "analytics_user_days_user_id_users_id_fk";
  
  ALTER TABLE "analytics_user_days" DROP CONSTRAINT "analytics_user_days_package_id_photo_packages_id_fk";
  
  DROP INDEX "analytics_user_days_key_idx";
  DROP INDEX "analytics_user_days_day_idx";
  DROP INDEX "analytics_user_days_day_number_idx";
  DROP INDEX "analytics_user_days_user_idx";
  DROP INDEX "analytics_user_days_package_idx";
  DROP INDEX "analytics_user_days_updated_at_idx";
  DROP INDEX "analytics_user_days_created_at_idx";
  DROP INDEX "dayNumber_user_idx";
  DROP INDEX "package_dayNumber_idx";
  ALTER TABLE "analytics_user_days" ALTER COLUMN "user_id" SET DATA TYPE numeric;
  ALTER TABLE "analytics_user_days" ALTER COLUMN "package_id" SET DATA TYPE numeric;
  ALTER TABLE "analytics_rollup_runs" ADD COLUMN "user_figures" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_likeness_days_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_model_days_id" integer;
  ALTER TABLE "analytics_likeness_days" ADD CONSTRAINT "analytics_likeness_days_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_likeness_days" ADD CONSTRAINT "analytics_likeness_days_theme_id_package_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."package_themes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_model_days" ADD CONSTRAINT "analytics_model_days_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "analytics_likeness_days_day_idx" ON "analytics_likeness_days" USING btree ("day");
  CREATE INDEX "analytics_likeness_days_package_idx" ON "analytics_likeness_days" USING btree ("package_id");
  CREATE INDEX "analytics_likeness_days_theme_idx" ON "analytics_likeness_days" USING btree ("theme_id");
  CREATE INDEX "analytics_likeness_days_updated_at_idx" ON "analytics_likeness_days" USING btree ("updated_at");
  CREATE INDEX "analytics_likeness_days_created_at_idx" ON "analytics_likeness_days" USING btree ("created_at");
  CREATE INDEX "analytics_model_days_day_idx" ON "analytics_model_days" USING btree ("day");
  CREATE INDEX "analytics_model_days_package_idx" ON "analytics_model_days" USING btree ("package_id");
  CREATE INDEX "analytics_model_days_updated_at_idx" ON "analytics_model_days" USING btree ("updated_at");
  CREATE INDEX "analytics_model_days_created_at_idx" ON "analytics_model_days" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_likeness_days_fk" FOREIGN KEY ("analytics_likeness_days_id") REFERENCES "public"."analytics_likeness_days"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_model_days_fk" FOREIGN KEY ("analytics_model_days_id") REFERENCES "public"."analytics_model_days"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "dayNumber_userId_idx" ON "analytics_user_days" USING btree ("day_number","user_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_likeness_days_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_likeness_days_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_model_days_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_model_days_id");
  ALTER TABLE "analytics_user_days" DROP COLUMN "key";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "analytics_likeness_days" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "analytics_model_days" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "analytics_likeness_days" CASCADE;
  DROP TABLE "analytics_model_days" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_likeness_days_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_model_days_fk";
  
  DROP INDEX "dayNumber_userId_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_likeness_days_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_model_days_id_idx";
  ALTER TABLE "analytics_user_days" ALTER COLUMN "user_id" SET DATA TYPE integer;
  ALTER TABLE "analytics_user_days" ALTER COLUMN "package_id" SET DATA TYPE integer;
  DELETE FROM "analytics_user_days";
  ALTER TABLE "analytics_user_days" ADD COLUMN "key" varchar NOT NULL;
  ALTER TABLE "analytics_user_days" ADD CONSTRAINT "analytics_user_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_user_days" ADD CONSTRAINT "analytics_user_days_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "analytics_user_days_key_idx" ON "analytics_user_days" USING btree ("key");
  CREATE INDEX "analytics_user_days_day_idx" ON "analytics_user_days" USING btree ("day");
  CREATE INDEX "analytics_user_days_day_number_idx" ON "analytics_user_days" USING btree ("day_number");
  CREATE INDEX "analytics_user_days_user_idx" ON "analytics_user_days" USING btree ("user_id");
  CREATE INDEX "analytics_user_days_package_idx" ON "analytics_user_days" USING btree ("package_id");
  CREATE INDEX "analytics_user_days_updated_at_idx" ON "analytics_user_days" USING btree ("updated_at");
  CREATE INDEX "analytics_user_days_created_at_idx" ON "analytics_user_days" USING btree ("created_at");
  CREATE INDEX "dayNumber_user_idx" ON "analytics_user_days" USING btree ("day_number","user_id");
  CREATE INDEX "package_dayNumber_idx" ON "analytics_user_days" USING btree ("package_id","day_number");
  ALTER TABLE "analytics_rollup_runs" DROP COLUMN "user_figures";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_likeness_days_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_model_days_id";`)
}
