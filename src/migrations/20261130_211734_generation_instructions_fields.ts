import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "photo_packages_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "photo_packages" ADD COLUMN "generation_instructions_prefix" varchar;
  ALTER TABLE "photo_packages" ADD COLUMN "generation_instructions_suffix" varchar;
  ALTER TABLE "photo_packages" ADD COLUMN "generation_instructions_portrait_types_single" varchar;
  ALTER TABLE "photo_packages" ADD COLUMN "generation_instructions_portrait_types_couple" varchar;
  ALTER TABLE "photo_packages" ADD COLUMN "generation_instructions_portrait_types_family" varchar;
  ALTER TABLE "photo_packages_texts" ADD CONSTRAINT "photo_packages_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."photo_packages"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "photo_packages_texts_order_parent" ON "photo_packages_texts" USING btree ("order","parent_id");
  -- Carry each package's JSON instructions into the fields (texts only; the old JSON was validated on save).
  UPDATE "photo_packages" SET
    "generation_instructions_prefix" = CASE WHEN jsonb_typeof("generation_instructions"->'prefix') = 'string' THEN "generation_instructions"->>'prefix' END,
    "generation_instructions_suffix" = CASE WHEN jsonb_typeof("generation_instructions"->'suffix') = 'string' THEN "generation_instructions"->>'suffix' END,
    "generation_instructions_portrait_types_single" = CASE WHEN jsonb_typeof("generation_instructions"->'portraitTypes'->'single') = 'string' THEN "generation_instructions"->'portraitTypes'->>'single' END,
    "generation_instructions_portrait_types_couple" = CASE WHEN jsonb_typeof("generation_instructions"->'portraitTypes'->'couple') = 'string' THEN "generation_instructions"->'portraitTypes'->>'couple' END,
    "generation_instructions_portrait_types_family" = CASE WHEN jsonb_typeof("generation_instructions"->'portraitTypes'->'family') = 'string' THEN "generation_instructions"->'portraitTypes'->>'family' END
    WHERE jsonb_typeof("generation_instructions") = 'object';
  -- The avoid list, in its order (Payload numbers hasMany texts from 1).
  INSERT INTO "photo_packages_texts" ("order", "parent_id", "path", "text")
    SELECT phrase.position, p."id", 'generationInstructions.avoid', phrase.text
    FROM "photo_packages" p,
      jsonb_array_elements_text(CASE WHEN jsonb_typeof(p."generation_instructions"->'avoid') = 'array'
        THEN p."generation_instructions"->'avoid' ELSE '[]'::jsonb END) WITH ORDINALITY AS phrase(text, position);
  ALTER TABLE "photo_packages" DROP COLUMN "generation_instructions";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photo_packages" ADD COLUMN "generation_instructions" jsonb;
  -- Back to one JSON value per package, leaving out what is empty (no instructions at all: null).
  UPDATE "photo_packages" p SET "generation_instructions" = nullif(jsonb_strip_nulls(jsonb_build_object(
      'prefix', p."generation_instructions_prefix",
      'suffix', p."generation_instructions_suffix",
      'avoid', (SELECT jsonb_agg(t."text" ORDER BY t."order") FROM "photo_packages_texts" t
        WHERE t."parent_id" = p."id" AND t."path" = 'generationInstructions.avoid'),
      'portraitTypes', nullif(jsonb_strip_nulls(jsonb_build_object(
        'single', p."generation_instructions_portrait_types_single",
        'couple', p."generation_instructions_portrait_types_couple",
        'family', p."generation_instructions_portrait_types_family")), '{}'::jsonb))), '{}'::jsonb);
  DROP TABLE "photo_packages_texts" CASCADE;
  ALTER TABLE "photo_packages" DROP COLUMN "generation_instructions_prefix";
  ALTER TABLE "photo_packages" DROP COLUMN "generation_instructions_suffix";
  ALTER TABLE "photo_packages" DROP COLUMN "generation_instructions_portrait_types_single";
  ALTER TABLE "photo_packages" DROP COLUMN "generation_instructions_portrait_types_couple";
  ALTER TABLE "photo_packages" DROP COLUMN "generation_instructions_portrait_types_family";`)
}
