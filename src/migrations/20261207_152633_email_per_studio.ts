import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * An e-mail address is unique per studio, not across the platform (issue 24: "the same e-mail at
 * two studios is two accounts with two wallets"). Customers: (email, studio) unique, from the
 * users collection's `indexes`. Staff have no studio, and Postgres counts NULLs as distinct, so a
 * partial unique index keeps one staff account per address across the platform (they sign in to
 * one admin on every host): `users_staff_email_idx`, written here by hand as Payload's config has
 * no partial indexes. That an address a staff account has is no customer's is checked under a lock
 * by the users' uniqueEmailPerStudio hook, which no index can express. Every existing address was
 * unique, so both indexes build on any database.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "users_email_idx";
  CREATE UNIQUE INDEX "email_studio_idx" ON "users" USING btree ("email","studio_id");`)
  await db.execute(sql`
  CREATE UNIQUE INDEX "users_staff_email_idx" ON "users" USING btree ("email") WHERE "studio_id" IS NULL;`)
}

/** Fails (nothing changed) while one address has accounts at two studios: merge or rename them first. */
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "users_staff_email_idx";
   DROP INDEX "email_studio_idx";
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");`)
}
