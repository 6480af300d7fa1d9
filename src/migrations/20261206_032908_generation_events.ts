import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "generation_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"generation_id" integer NOT NULL,
  	"seq" numeric NOT NULL,
  	"view" jsonb NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "generation_events_id" integer;
  ALTER TABLE "generation_events" ADD CONSTRAINT "generation_events_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "generation_events_generation_idx" ON "generation_events" USING btree ("generation_id");
  CREATE INDEX "generation_events_updated_at_idx" ON "generation_events" USING btree ("updated_at");
  CREATE INDEX "generation_events_created_at_idx" ON "generation_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "generation_seq_idx" ON "generation_events" USING btree ("generation_id","seq");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generation_events_fk" FOREIGN KEY ("generation_events_id") REFERENCES "public"."generation_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_generation_events_id_idx" ON "payload_locked_documents_rels" USING btree ("generation_events_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generation_events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "generation_events" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_generation_events_fk";
  
  DROP INDEX "payload_locked_documents_rels_generation_events_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "generation_events_id";`)
}
