import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generations" ADD COLUMN "lease_holder" varchar;
  ALTER TABLE "generations" ADD COLUMN "request_id" varchar;
  CREATE INDEX "generations_request_id_idx" ON "generations" USING btree ("request_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "generations_request_id_idx";
  ALTER TABLE "generations" DROP COLUMN "lease_holder";
  ALTER TABLE "generations" DROP COLUMN "request_id";`)
}
