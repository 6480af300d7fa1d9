import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

const GOOGLE_PRICING = 'https://ai.google.dev/gemini-api/docs/pricing'
const VERTEX_FLASH_IMAGE =
  'https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/gemini/3-1-flash-image'
const FLASH_NOTE =
  '$60 per 1M image output tokens (third-party figure: aifreeapi.com, xairouter.com, therouter.ai; not confirmed on ' +
  'Google’s pricing page) × Google’s output tokens per image (this page: 747 at 512, 1120 at 1K, 1680 at 2K, ' +
  '2520 at 4K) = $0.0448, $0.0672, $0.1008, $0.1512, rounded to the tenth of a cent.'
const PRO_NOTE =
  '$0.134 per 1K or 2K image and $0.24 per 4K image as listed on Google’s pricing page (not re-read since). With ' +
  'Google’s output tokens per image (Vertex AI model page: 1120 at 1K and 2K, 2000 at 4K) they imply $120 per 1M ' +
  'image output tokens.'
const RETIRED_NOTE = 'As listed on Google’s pricing page before the model was shut down; not re-read.'
const FLASH_PRICES = [
  ['512', 0.045],
  ['1K', 0.067],
  ['2K', 0.101],
  ['4K', 0.151],
] as const

/**
 * Where each image model's prices came from becomes data an admin sees and edits (issue 21):
 * `priceSource.basis` (listed by the provider, derived from its figures, or unverified) and
 * `priceSource.note` (how the figure was derived). Rows still carrying the seed's source of
 * 2026-09-15 get the seed's new values (src/generation/imageModels.ts as of this migration):
 * - gemini-3.1-flash-image (and its retired preview): unverified, read 2026-12-06 on Google's Vertex
 *   AI model page (tokens per image), priced at 512, 2K and 4K too where those rows are missing;
 * - gemini-3-pro-image, its preview and gemini-2.5-flash-image: listed on Google's pricing page.
 * Rows an admin re-sourced, and models an admin added, keep their values and read as unverified.
 * Down drops both columns (the added price rows stay).
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_image_models_price_source_basis" AS ENUM('listed', 'derived', 'unverified');
  ALTER TABLE "image_models" ADD COLUMN "price_source_basis" "enum_image_models_price_source_basis" DEFAULT 'unverified';
  ALTER TABLE "image_models" ADD COLUMN "price_source_note" varchar;`)
  // The seed's source as the catalogue migration wrote it (2026-09-15, midnight in the server's zone).
  const seedSourced = sql`"price_source_url" = ${GOOGLE_PRICING}
    AND "price_source_checked_on" >= '2026-09-14' AND "price_source_checked_on" < '2026-09-16'`
  const flash = ['gemini-3.1-flash-image', 'gemini-3.1-flash-image-preview']
  for (const id of flash) {
    const updated = await db.execute(sql`
      UPDATE "image_models" SET "price_source_url" = ${VERTEX_FLASH_IMAGE}, "price_source_checked_on" = '2026-12-06T12:00:00Z',
        "price_source_basis" = 'unverified', "price_source_note" = ${FLASH_NOTE}
      WHERE "id" = ${id} AND ${seedSourced} RETURNING "id"`)
    if (!updated.rows.length) continue
    for (const [order, [size, usd]] of FLASH_PRICES.entries()) {
      await db.execute(sql`
        INSERT INTO "image_models_prices" ("_order", "_parent_id", "id", "image_size", "usd_per_image")
        SELECT ${order + 1}::integer, ${id}::varchar, ${`seed-${id}-${size}`}::varchar,
          ${size}::"enum_image_models_prices_image_size", ${usd}::numeric
        WHERE NOT EXISTS (SELECT 1 FROM "image_models_prices" WHERE "_parent_id" = ${id} AND "image_size" = ${size})`)
    }
    // Smallest size first, as the seed lists them.
    await db.execute(sql`
      UPDATE "image_models_prices" SET "_order" = CASE "image_size"
        WHEN '512' THEN 1 WHEN '1K' THEN 2 WHEN '2K' THEN 3 ELSE 4 END
      WHERE "_parent_id" = ${id}`)
  }
  await db.execute(sql`
    UPDATE "image_models" SET "price_source_basis" = 'listed', "price_source_note" = ${PRO_NOTE}
    WHERE "id" IN ('gemini-3-pro-image', 'gemini-3-pro-image-preview') AND ${seedSourced}`)
  await db.execute(sql`
    UPDATE "image_models" SET "price_source_basis" = 'listed', "price_source_note" = ${RETIRED_NOTE}
    WHERE "id" = 'gemini-2.5-flash-image' AND ${seedSourced}`)
  payload.logger.info({
    msg: 'image model prices now record their basis and derivation; gemini-3.1-flash-image is marked unverified',
  })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "image_models" DROP COLUMN "price_source_basis";
  ALTER TABLE "image_models" DROP COLUMN "price_source_note";
  DROP TYPE "public"."enum_image_models_price_source_basis";`)
}
