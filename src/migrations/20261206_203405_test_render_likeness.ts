import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "test_renders" ADD COLUMN "likeness_score" numeric;
  ALTER TABLE "test_renders" ADD COLUMN "likeness_passed" boolean;
  ALTER TABLE "test_renders" ADD COLUMN "likeness_threshold" numeric;
  ALTER TABLE "test_renders" ADD COLUMN "likeness_faces_found" numeric;
  ALTER TABLE "test_renders" ADD COLUMN "likeness_faces_expected" numeric;
  ALTER TABLE "test_renders" ADD COLUMN "likeness_sample_faces" numeric;
  ALTER TABLE "test_renders" ADD COLUMN "likeness_people" jsonb;
  ALTER TABLE "test_renders" ADD COLUMN "likeness_note" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "test_renders" DROP COLUMN "likeness_score";
  ALTER TABLE "test_renders" DROP COLUMN "likeness_passed";
  ALTER TABLE "test_renders" DROP COLUMN "likeness_threshold";
  ALTER TABLE "test_renders" DROP COLUMN "likeness_faces_found";
  ALTER TABLE "test_renders" DROP COLUMN "likeness_faces_expected";
  ALTER TABLE "test_renders" DROP COLUMN "likeness_sample_faces";
  ALTER TABLE "test_renders" DROP COLUMN "likeness_people";
  ALTER TABLE "test_renders" DROP COLUMN "likeness_note";`)
}
