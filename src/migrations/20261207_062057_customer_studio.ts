import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Customers belong to a studio (issue 24): `users.studio`, the studio whose site they signed up
 * on. Every customer from before is the default studio's (the lowest id, made by the `studios`
 * migration), whose e-mails they already received.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" ADD COLUMN "studio_id" integer;
  ALTER TABLE "users" ADD CONSTRAINT "users_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "users_studio_idx" ON "users" USING btree ("studio_id");`)
  await db.execute(sql`
    UPDATE "users" SET "studio_id" = (SELECT min("id") FROM "studios")
    WHERE "role" = 'customer' AND "studio_id" IS NULL;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" DROP CONSTRAINT "users_studio_id_studios_id_fk";
  
  DROP INDEX "users_studio_idx";
  ALTER TABLE "users" DROP COLUMN "studio_id";`)
}
