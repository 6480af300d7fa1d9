import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "package_bundles_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"package_id" integer NOT NULL,
  	"shoots" numeric NOT NULL
  );
  
  CREATE TABLE "package_bundles" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar,
  	"description" varchar,
  	"price_cents" numeric NOT NULL,
  	"original_price_cents" numeric,
  	"badge" varchar,
  	"sort_order" numeric DEFAULT 0,
  	"is_active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "package_bundles_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "purchases_lines" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"package_id" integer,
  	"shoots" numeric,
  	"amount_cents" numeric
  );
  
  ALTER TABLE "purchases" ADD COLUMN "bundle_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "package_bundles_id" integer;
  ALTER TABLE "package_bundles_items" ADD CONSTRAINT "package_bundles_items_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_bundles_items" ADD CONSTRAINT "package_bundles_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."package_bundles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "package_bundles_texts" ADD CONSTRAINT "package_bundles_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."package_bundles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "purchases_lines" ADD CONSTRAINT "purchases_lines_package_id_photo_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."photo_packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "purchases_lines" ADD CONSTRAINT "purchases_lines_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."purchases"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "package_bundles_items_order_idx" ON "package_bundles_items" USING btree ("_order");
  CREATE INDEX "package_bundles_items_parent_id_idx" ON "package_bundles_items" USING btree ("_parent_id");
  CREATE INDEX "package_bundles_items_package_idx" ON "package_bundles_items" USING btree ("package_id");
  CREATE UNIQUE INDEX "package_bundles_slug_idx" ON "package_bundles" USING btree ("slug");
  CREATE INDEX "package_bundles_updated_at_idx" ON "package_bundles" USING btree ("updated_at");
  CREATE INDEX "package_bundles_created_at_idx" ON "package_bundles" USING btree ("created_at");
  CREATE INDEX "package_bundles_texts_order_parent" ON "package_bundles_texts" USING btree ("order","parent_id");
  CREATE INDEX "purchases_lines_order_idx" ON "purchases_lines" USING btree ("_order");
  CREATE INDEX "purchases_lines_parent_id_idx" ON "purchases_lines" USING btree ("_parent_id");
  CREATE INDEX "purchases_lines_package_idx" ON "purchases_lines" USING btree ("package_id");
  ALTER TABLE "purchases" ADD CONSTRAINT "purchases_bundle_id_package_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."package_bundles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_package_bundles_fk" FOREIGN KEY ("package_bundles_id") REFERENCES "public"."package_bundles"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "purchases_bundle_idx" ON "purchases" USING btree ("bundle_id");
  CREATE INDEX "payload_locked_documents_rels_package_bundles_id_idx" ON "payload_locked_documents_rels" USING btree ("package_bundles_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "package_bundles_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "package_bundles" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "package_bundles_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "purchases_lines" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "package_bundles_items" CASCADE;
  DROP TABLE "package_bundles" CASCADE;
  DROP TABLE "package_bundles_texts" CASCADE;
  DROP TABLE "purchases_lines" CASCADE;
  ALTER TABLE "purchases" DROP CONSTRAINT "purchases_bundle_id_package_bundles_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_package_bundles_fk";
  
  DROP INDEX "purchases_bundle_idx";
  DROP INDEX "payload_locked_documents_rels_package_bundles_id_idx";
  ALTER TABLE "purchases" DROP COLUMN "bundle_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "package_bundles_id";`)
}
