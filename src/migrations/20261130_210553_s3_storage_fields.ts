import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "media" ADD COLUMN "prefix" varchar DEFAULT 'media';
  ALTER TABLE "media" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "photo_uploads" ADD COLUMN "prefix" varchar DEFAULT 'uploads';
  ALTER TABLE "photo_uploads" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "generation_results" ADD COLUMN "prefix" varchar DEFAULT 'results';
  ALTER TABLE "generation_results" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "test_renders" ADD COLUMN "prefix" varchar DEFAULT 'test-renders';
  ALTER TABLE "test_renders" ADD COLUMN "_objectkey" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "media" DROP COLUMN "prefix";
  ALTER TABLE "media" DROP COLUMN "_objectkey";
  ALTER TABLE "photo_uploads" DROP COLUMN "prefix";
  ALTER TABLE "photo_uploads" DROP COLUMN "_objectkey";
  ALTER TABLE "generation_results" DROP COLUMN "prefix";
  ALTER TABLE "generation_results" DROP COLUMN "_objectkey";
  ALTER TABLE "test_renders" DROP COLUMN "prefix";
  ALTER TABLE "test_renders" DROP COLUMN "_objectkey";`)
}
