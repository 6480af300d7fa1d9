import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// What a customer says went wrong, with a rating of 1 or 2 (issue 12's "not happy" path).

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generations" ADD COLUMN "rating_comment" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generations" DROP COLUMN "rating_comment";`)
}
