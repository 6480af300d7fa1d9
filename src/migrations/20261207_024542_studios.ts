import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Studios as tenants (issue 24): the studios table, a studio on each catalog row (media, packages,
 * themes, tiers, bundles), users' studios (`users_tenants`), the owner role, and slugs unique per
 * studio. Then one default studio, named by STUDIO_NAME (and EMAIL_FROM, EMAIL_FROM_NAME) as the
 * app's settings read them, owns every existing catalog row, and every editor works in it.
 * Down drops it all; owners become editors (the old role type has no owner).
 */
const STUDIO_OWNED_TABLES = [
  'media',
  'photo_packages',
  'package_themes',
  'package_pricing_tiers',
  'package_bundles',
]

const defaultStudio = () => {
  // The settings' own defaults (src/lib/settings/email.ts), read here so the migration stays as written.
  const name = process.env.STUDIO_NAME?.trim() || 'Photo Packages'
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'studio'
  const emailFrom = process.env.EMAIL_FROM?.trim() || 'studio@photo-packages.local'
  const emailFromName = process.env.EMAIL_FROM_NAME?.trim() || name
  return { name, slug, emailFrom, emailFromName }
}

export async function up({ db, payload }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_studios_status" AS ENUM('active', 'suspended');
  CREATE TYPE "public"."enum_studios_branding_font" AS ENUM('system-sans', 'georgia', 'helvetica', 'palatino', 'trebuchet', 'monospace');
  CREATE TYPE "public"."enum_studios_branding_currency" AS ENUM('usd', 'eur', 'gbp', 'cad', 'aud', 'nzd', 'chf', 'sek', 'nok', 'dkk', 'jpy');
  CREATE TYPE "public"."enum_studios_stripe_card_payments_capability" AS ENUM('inactive', 'pending', 'active');
  ALTER TYPE "public"."enum_users_role" ADD VALUE 'owner' BEFORE 'editor';
  CREATE TABLE "users_tenants" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"tenant_id" integer NOT NULL
  );
  
  CREATE TABLE "studios_domains" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"hostname" varchar NOT NULL
  );
  
  CREATE TABLE "studios" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"status" "enum_studios_status" DEFAULT 'active' NOT NULL,
  	"branding_logo_id" integer,
  	"branding_favicon_id" integer,
  	"branding_primary_color" varchar,
  	"branding_accent_color" varchar,
  	"branding_font" "enum_studios_branding_font" DEFAULT 'system-sans',
  	"branding_email_from_name" varchar,
  	"branding_email_from" varchar,
  	"branding_terms_text" varchar,
  	"branding_privacy_text" varchar,
  	"branding_currency" "enum_studios_branding_currency" DEFAULT 'usd' NOT NULL,
  	"platform_fee_percent" numeric DEFAULT 0 NOT NULL,
  	"stripe_account_id" varchar,
  	"stripe_charges_enabled" boolean DEFAULT false,
  	"stripe_card_payments_capability" "enum_studios_stripe_card_payments_capability",
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  DROP INDEX "photo_packages_slug_idx";
  DROP INDEX "package_bundles_slug_idx";
  ALTER TABLE "media" ADD COLUMN "studio_id" integer;
  ALTER TABLE "photo_packages" ADD COLUMN "studio_id" integer;
  ALTER TABLE "package_themes" ADD COLUMN "studio_id" integer;
  ALTER TABLE "package_pricing_tiers" ADD COLUMN "studio_id" integer;
  ALTER TABLE "package_bundles" ADD COLUMN "studio_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "studios_id" integer;
  ALTER TABLE "users_tenants" ADD CONSTRAINT "users_tenants_tenant_id_studios_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "users_tenants" ADD CONSTRAINT "users_tenants_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "studios_domains" ADD CONSTRAINT "studios_domains_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "studios" ADD CONSTRAINT "studios_branding_logo_id_media_id_fk" FOREIGN KEY ("branding_logo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "studios" ADD CONSTRAINT "studios_branding_favicon_id_media_id_fk" FOREIGN KEY ("branding_favicon_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "users_tenants_order_idx" ON "users_tenants" USING btree ("_order");
  CREATE INDEX "users_tenants_parent_id_idx" ON "users_tenants" USING btree ("_parent_id");
  CREATE INDEX "users_tenants_tenant_idx" ON "users_tenants" USING btree ("tenant_id");
  CREATE INDEX "studios_domains_order_idx" ON "studios_domains" USING btree ("_order");
  CREATE INDEX "studios_domains_parent_id_idx" ON "studios_domains" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "studios_domains_hostname_idx" ON "studios_domains" USING btree ("hostname");
  CREATE UNIQUE INDEX "studios_slug_idx" ON "studios" USING btree ("slug");
  CREATE INDEX "studios_branding_branding_logo_idx" ON "studios" USING btree ("branding_logo_id");
  CREATE INDEX "studios_branding_branding_favicon_idx" ON "studios" USING btree ("branding_favicon_id");
  CREATE INDEX "studios_updated_at_idx" ON "studios" USING btree ("updated_at");
  CREATE INDEX "studios_created_at_idx" ON "studios" USING btree ("created_at");
  ALTER TABLE "media" ADD CONSTRAINT "media_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "photo_packages" ADD CONSTRAINT "photo_packages_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_themes" ADD CONSTRAINT "package_themes_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_pricing_tiers" ADD CONSTRAINT "package_pricing_tiers_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_bundles" ADD CONSTRAINT "package_bundles_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_studios_fk" FOREIGN KEY ("studios_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "media_studio_idx" ON "media" USING btree ("studio_id");
  CREATE INDEX "photo_packages_studio_idx" ON "photo_packages" USING btree ("studio_id");
  CREATE UNIQUE INDEX "studio_slug_idx" ON "photo_packages" USING btree ("studio_id","slug");
  CREATE INDEX "package_themes_studio_idx" ON "package_themes" USING btree ("studio_id");
  CREATE INDEX "package_pricing_tiers_studio_idx" ON "package_pricing_tiers" USING btree ("studio_id");
  CREATE INDEX "package_bundles_studio_idx" ON "package_bundles" USING btree ("studio_id");
  CREATE UNIQUE INDEX "studio_slug_1_idx" ON "package_bundles" USING btree ("studio_id","slug");
  CREATE INDEX "payload_locked_documents_rels_studios_id_idx" ON "payload_locked_documents_rels" USING btree ("studios_id");
  CREATE INDEX "photo_packages_slug_idx" ON "photo_packages" USING btree ("slug");
  CREATE INDEX "package_bundles_slug_idx" ON "package_bundles" USING btree ("slug");`)

  const studio = defaultStudio()
  const [created] = (
    await db.execute(sql`
    INSERT INTO "studios" ("name", "slug", "status", "branding_email_from", "branding_email_from_name", "branding_currency", "platform_fee_percent")
    VALUES (${studio.name}, ${studio.slug}, 'active', ${studio.emailFrom}, ${studio.emailFromName}, 'usd', 0)
    RETURNING "id"`)
  ).rows as { id: number }[]
  for (const table of STUDIO_OWNED_TABLES)
    await db.execute(
      sql`UPDATE ${sql.identifier(table)} SET "studio_id" = ${created.id} WHERE "studio_id" IS NULL`,
    )
  // Array rows' ids are Payload's 24-hex-character strings.
  const { rows: editors } = await db.execute(sql`
    INSERT INTO "users_tenants" ("_order", "_parent_id", "id", "tenant_id")
    SELECT 1, "id", substr(md5(random()::text || clock_timestamp()::text || "id"::text), 1, 24), ${created.id}
    FROM "users" WHERE "role" = 'editor'
    RETURNING "_parent_id"`)
  payload.logger.info({
    msg: `studios: default studio ${studio.name} (${studio.slug}, id ${created.id}) owns every catalog row; ${editors.length} editor(s) work in it`,
  })
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users_tenants" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "studios_domains" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "studios" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "users_tenants" CASCADE;
  DROP TABLE "studios_domains" CASCADE;
  DROP TABLE "studios" CASCADE;
  ALTER TABLE "media" DROP CONSTRAINT IF EXISTS "media_studio_id_studios_id_fk";
  
  ALTER TABLE "photo_packages" DROP CONSTRAINT IF EXISTS "photo_packages_studio_id_studios_id_fk";
  
  ALTER TABLE "package_themes" DROP CONSTRAINT IF EXISTS "package_themes_studio_id_studios_id_fk";
  
  ALTER TABLE "package_pricing_tiers" DROP CONSTRAINT IF EXISTS "package_pricing_tiers_studio_id_studios_id_fk";
  
  ALTER TABLE "package_bundles" DROP CONSTRAINT IF EXISTS "package_bundles_studio_id_studios_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_studios_fk";
  
  ALTER TABLE "users" ALTER COLUMN "role" SET DATA TYPE text;
  ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'customer'::text;
  UPDATE "users" SET "role" = 'editor' WHERE "role" = 'owner';
  DROP TYPE "public"."enum_users_role";
  CREATE TYPE "public"."enum_users_role" AS ENUM('admin', 'editor', 'customer');
  ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'customer'::"public"."enum_users_role";
  ALTER TABLE "users" ALTER COLUMN "role" SET DATA TYPE "public"."enum_users_role" USING "role"::"public"."enum_users_role";
  DROP INDEX "media_studio_idx";
  DROP INDEX "photo_packages_studio_idx";
  DROP INDEX "studio_slug_idx";
  DROP INDEX "package_themes_studio_idx";
  DROP INDEX "package_pricing_tiers_studio_idx";
  DROP INDEX "package_bundles_studio_idx";
  DROP INDEX "studio_slug_1_idx";
  DROP INDEX "payload_locked_documents_rels_studios_id_idx";
  DROP INDEX "photo_packages_slug_idx";
  DROP INDEX "package_bundles_slug_idx";
  CREATE UNIQUE INDEX "photo_packages_slug_idx" ON "photo_packages" USING btree ("slug");
  CREATE UNIQUE INDEX "package_bundles_slug_idx" ON "package_bundles" USING btree ("slug");
  ALTER TABLE "media" DROP COLUMN "studio_id";
  ALTER TABLE "photo_packages" DROP COLUMN "studio_id";
  ALTER TABLE "package_themes" DROP COLUMN "studio_id";
  ALTER TABLE "package_pricing_tiers" DROP COLUMN "studio_id";
  ALTER TABLE "package_bundles" DROP COLUMN "studio_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "studios_id";
  DROP TYPE "public"."enum_studios_status";
  DROP TYPE "public"."enum_studios_branding_font";
  DROP TYPE "public"."enum_studios_branding_currency";
  DROP TYPE "public"."enum_studios_stripe_card_payments_capability";`)
}
