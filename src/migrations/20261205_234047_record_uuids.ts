import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Generations, purchases and credit adjustments get a `uuid` (src/fields/uuid.ts): existing rows
 * are given one here, and the credit ledger's rows that named a generation or purchase by its row
 * id (`generation:7`) now name it by that uuid (`generation:<uuid>`), so the code that looks them
 * up (a shoot's hold, a purchase's grants) finds them. Rows naming a record deleted before this
 * keep their old reference: no new row can take that id (Postgres sequences never go back).
 * Idempotency keys stay as written: every new key is built from a uuid, so none can meet an old one.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generations" ADD COLUMN "uuid" varchar;
  ALTER TABLE "credit_adjustments" ADD COLUMN "uuid" varchar;
  ALTER TABLE "purchases" ADD COLUMN "uuid" varchar;
  UPDATE "generations" SET "uuid" = gen_random_uuid()::text WHERE "uuid" IS NULL;
  UPDATE "credit_adjustments" SET "uuid" = gen_random_uuid()::text WHERE "uuid" IS NULL;
  UPDATE "purchases" SET "uuid" = gen_random_uuid()::text WHERE "uuid" IS NULL;
  UPDATE "credit_ledger" AS l SET "reference" = 'generation:' || g."uuid"
    FROM "generations" AS g WHERE l."reference" = 'generation:' || g."id"::text;
  UPDATE "credit_ledger" AS l SET "reference" = 'purchase:' || p."uuid"
    FROM "purchases" AS p WHERE l."reference" = 'purchase:' || p."id"::text;
  CREATE UNIQUE INDEX "generations_uuid_idx" ON "generations" USING btree ("uuid");
  CREATE UNIQUE INDEX "credit_adjustments_uuid_idx" ON "credit_adjustments" USING btree ("uuid");
  CREATE UNIQUE INDEX "purchases_uuid_idx" ON "purchases" USING btree ("uuid");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   UPDATE "credit_ledger" AS l SET "reference" = 'generation:' || g."id"::text
    FROM "generations" AS g WHERE l."reference" = 'generation:' || g."uuid";
  UPDATE "credit_ledger" AS l SET "reference" = 'purchase:' || p."id"::text
    FROM "purchases" AS p WHERE l."reference" = 'purchase:' || p."uuid";
  UPDATE "credit_ledger" SET "reference" = NULL WHERE "reference" LIKE 'adjustment:%';
  DROP INDEX "generations_uuid_idx";
  DROP INDEX "credit_adjustments_uuid_idx";
  DROP INDEX "purchases_uuid_idx";
  ALTER TABLE "generations" DROP COLUMN "uuid";
  ALTER TABLE "credit_adjustments" DROP COLUMN "uuid";
  ALTER TABLE "purchases" DROP COLUMN "uuid";`)
}
