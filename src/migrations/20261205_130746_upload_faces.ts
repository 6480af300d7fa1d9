import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_photo_uploads_role" AS ENUM('person', 'same-person', 'person-1', 'person-2', 'couple', 'family-member', 'group');
  ALTER TABLE "photo_uploads" ADD COLUMN "role" "enum_photo_uploads_role" DEFAULT 'person';
  ALTER TABLE "photo_uploads" ADD COLUMN "quality_score" numeric;
  ALTER TABLE "photo_uploads" ADD COLUMN "quality_reasons" jsonb;
  ALTER TABLE "photo_uploads" ADD COLUMN "face_count" numeric;
  ALTER TABLE "photo_uploads" ADD COLUMN "faces" jsonb;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photo_uploads" DROP COLUMN "role";
  ALTER TABLE "photo_uploads" DROP COLUMN "quality_score";
  ALTER TABLE "photo_uploads" DROP COLUMN "quality_reasons";
  ALTER TABLE "photo_uploads" DROP COLUMN "face_count";
  ALTER TABLE "photo_uploads" DROP COLUMN "faces";
  DROP TYPE "public"."enum_photo_uploads_role";`)
}
