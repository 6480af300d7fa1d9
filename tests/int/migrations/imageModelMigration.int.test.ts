import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { RETIRED_IMAGE_MODELS } from '@/generation/imageModels'
import { migrations } from '@/migrations'

import {
  type MigrationArgs,
  type MigrationDatabase,
  migratedUpTo,
  migrationIndex,
} from '../../support/setup/migrationDatabase'

/**
 * The image_model_catalogue migration on a database whose packages name the models Google shut
 * down in 2026 (issue 21): each moves onto its replacement, the catalogue is seeded with those ids
 * marked retired, and the migration's log line says how many packages moved. Runs the committed
 * migrations up to the one before, writes old-style rows with plain SQL, then runs it.
 */
describe('the image model catalogue migration', () => {
  let database: MigrationDatabase | undefined
  let args: MigrationArgs
  const logged: string[] = []
  const index = migrationIndex('_image_model_catalogue')
  const query = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    database!.query<T>(text, values)

  const oldPackage = (slug: string, standard: string | null, high: string | null) =>
    query(
      `insert into photo_packages (name, slug, category, images_per_generation, base_prompt_template, is_active,
         settings_standard_quality_model, settings_high_quality_model)
       values ($1, $1, 'professional', 2, 'A portrait of {subject}', true, $2, $3)`,
      [slug, standard, high],
    )

  beforeAll(async () => {
    database = await migratedUpTo(index, 'pp_models', logged)
    ;({ args } = database)

    await oldPackage('old-flash', 'gemini-2.5-flash-image', 'gemini-3-pro-image-preview')
    await oldPackage('old-flash-preview', 'gemini-3.1-flash-image-preview', null)
    await oldPackage('env-defaults', null, null)
  })

  afterAll(() => database?.close())

  it('moves every package set to a retired id onto its replacement, and says so', async () => {
    await migrations[index].up(args)
    expect(
      await query(
        `select slug, settings_standard_quality_model_id as standard, settings_high_quality_model_id as high
         from photo_packages order by slug`,
      ),
    ).toEqual([
      { slug: 'env-defaults', standard: null, high: null },
      { slug: 'old-flash', standard: 'gemini-3.1-flash-image', high: 'gemini-3-pro-image' },
      { slug: 'old-flash-preview', standard: 'gemini-3.1-flash-image', high: null },
    ])
    // The replacements are Google's (deprecations page), the same map the app reads env values through.
    expect(RETIRED_IMAGE_MODELS).toMatchObject({
      'gemini-2.5-flash-image': 'gemini-3.1-flash-image',
      'gemini-3-pro-image-preview': 'gemini-3-pro-image',
      'gemini-3.1-flash-image-preview': 'gemini-3.1-flash-image',
    })
    // The old enum columns, whose every value was a retired id, are gone.
    const columns = await query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'photo_packages' and column_name like 'settings_%_model%' order by 1`,
    )
    expect(columns.map((row) => row.column_name)).toEqual([
      'settings_fallback_model_id',
      'settings_high_quality_model_id',
      'settings_standard_quality_model_id',
    ])
    expect(logged).toContain(
      'image model catalogue created; 2 package(s) on a retired model moved to its replacement',
    )
  })

  it('seeds the catalogue: the replacements served, the retired ids retired and pointing at them, with prices and their source', async () => {
    expect(
      await query(
        `select id, status::text as status, replaced_by_id as "replacedBy" from image_models order by id`,
      ),
    ).toEqual([
      { id: 'gemini-2.5-flash-image', status: 'retired', replacedBy: 'gemini-3.1-flash-image' },
      { id: 'gemini-3-pro-image', status: 'served', replacedBy: null },
      { id: 'gemini-3-pro-image-preview', status: 'retired', replacedBy: 'gemini-3-pro-image' },
      { id: 'gemini-3.1-flash-image', status: 'served', replacedBy: null },
      { id: 'gemini-3.1-flash-image-preview', status: 'retired', replacedBy: 'gemini-3.1-flash-image' },
    ])
    const prices = await query<{ size: string; usd: string; url: string; day: string }>(
      `select p.image_size::text as size, p.usd_per_image as usd, m.price_source_url as url,
         to_char(m.price_source_checked_on, 'YYYY-MM-DD') as day
       from image_models_prices p join image_models m on m.id = p._parent_id where m.id = 'gemini-3-pro-image' order by p._order`,
    )
    expect(prices).toEqual([
      { size: '1K', usd: '0.134', url: 'https://ai.google.dev/gemini-api/docs/pricing', day: '2026-09-15' },
      { size: '2K', usd: '0.134', url: 'https://ai.google.dev/gemini-api/docs/pricing', day: '2026-09-15' },
      { size: '4K', usd: '0.24', url: 'https://ai.google.dev/gemini-api/docs/pricing', day: '2026-09-15' },
    ])
  })

  it('the later migrations run on top of it', async () => {
    for (const migration of migrations.slice(index + 1)) await migration.up(args)
    const [row] = await query<{ standard: string }>(
      `select settings_standard_quality_model_id as standard from photo_packages where slug = 'old-flash'`,
    )
    expect(row.standard).toBe('gemini-3.1-flash-image')
  })
})
