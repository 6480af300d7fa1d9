import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The derived tables (rollups, activity days, likeness and model days, progress events) are
 * written in bulk by jobs and never edited: no admin edit lock (lockDocuments: false). Without
 * the lock relation a deleted row no longer fires a per-row cascade on payload_locked_documents_rels
 * (1.8 s per 100k activity rows deleted). Any stale lock of such a row goes first.
 *
 * Also planner statistics for the rollup's GROUP BY on the analytics rows: the number of distinct
 * (UTC day, package, theme, model, customer) combinations. Without them Postgres expects one group
 * per row and sorts a million rows (130 MB) where hashing 2,200 groups does (src/analytics/rollupSql.ts,
 * rollupDetails.ts). The day expression is the one dayKeyOfColumn writes.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DELETE FROM "payload_locked_documents" WHERE "id" IN (SELECT "parent_id" FROM "payload_locked_documents_rels"
    WHERE "generation_events_id" IS NOT NULL OR "analytics_rollups_id" IS NOT NULL OR "analytics_user_days_id" IS NOT NULL
      OR "analytics_likeness_days_id" IS NOT NULL OR "analytics_model_days_id" IS NOT NULL);
   ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_generation_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_rollups_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_user_days_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_likeness_days_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_model_days_fk";
  
  DROP INDEX "payload_locked_documents_rels_generation_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_rollups_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_user_days_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_likeness_days_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_model_days_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "generation_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_rollups_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_user_days_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_likeness_days_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_model_days_id";
  CREATE STATISTICS IF NOT EXISTS "package_analytics_day_groups" (ndistinct)
    ON (cast("created_at" at time zone 'UTC' as date)), "package_id", "theme_id", "model", "user_id" FROM "package_analytics";
  ANALYZE "package_analytics";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP STATISTICS IF EXISTS "package_analytics_day_groups";
   ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "generation_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_rollups_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_user_days_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_likeness_days_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_model_days_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generation_events_fk" FOREIGN KEY ("generation_events_id") REFERENCES "public"."generation_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_rollups_fk" FOREIGN KEY ("analytics_rollups_id") REFERENCES "public"."analytics_rollups"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_user_days_fk" FOREIGN KEY ("analytics_user_days_id") REFERENCES "public"."analytics_user_days"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_likeness_days_fk" FOREIGN KEY ("analytics_likeness_days_id") REFERENCES "public"."analytics_likeness_days"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_model_days_fk" FOREIGN KEY ("analytics_model_days_id") REFERENCES "public"."analytics_model_days"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_generation_events_id_idx" ON "payload_locked_documents_rels" USING btree ("generation_events_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_rollups_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_rollups_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_user_days_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_user_days_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_likeness_days_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_likeness_days_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_model_days_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_model_days_id");`)
}
