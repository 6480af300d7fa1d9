import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { IMAGE_MODEL_SEEDS } from '@/generation/imageModels'
import { migrations } from '@/migrations'

import {
  type MigrationArgs,
  type MigrationDatabase,
  migratedUpTo,
  migrationIndex,
} from '../../support/setup/migrationDatabase'

/**
 * The image_model_price_source migration on a catalogue as earlier migrations left it, where an
 * admin meanwhile re-sourced one model and added another (issue 21): the seed's rows get how sure
 * their price is and how it was derived (Flash unverified, priced at every size it makes), while
 * the admin's rows keep their values and read as unverified.
 */
describe('the image model price source migration', () => {
  let database: MigrationDatabase | undefined
  let args: MigrationArgs
  const logged: string[] = []
  const index = migrationIndex('_image_model_price_source')
  const query = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    database!.query<T>(text, values)
  const source = (id: string) =>
    query<{ url: string; day: string; basis: string; note: string | null }>(
      `select price_source_url as url, to_char(price_source_checked_on, 'YYYY-MM-DD') as day,
         price_source_basis::text as basis, price_source_note as note from image_models where id = $1`,
      [id],
    ).then((rows) => rows[0])
  const prices = (id: string) =>
    query<{ size: string; usd: string }>(
      `select image_size::text as size, usd_per_image::text as usd from image_models_prices
       where _parent_id = $1 order by _order`,
      [id],
    )

  beforeAll(async () => {
    database = await migratedUpTo(index, 'pp_price_source', logged)
    ;({ args } = database)
    // An admin re-read Pro Preview's price elsewhere, and added a model of their own.
    await query(
      `update image_models set price_source_url = 'https://example.com/prices', price_source_checked_on = '2026-11-01'
       where id = 'gemini-3-pro-image-preview'`,
    )
    await query(
      `insert into image_models (id, label, max_reference_images, max_people_references, price_source_url, status)
       values ('gemini-test-image', 'Test', 3, 3, 'https://example.com/test', 'served')`,
    )
    await migrations[index].up(args)
  })

  afterAll(() => database?.close())

  it("marks Flash's price unverified, says how it was derived, and prices every size it makes", async () => {
    const seed = IMAGE_MODEL_SEEDS.find((row) => row.id === 'gemini-3.1-flash-image')!
    for (const id of ['gemini-3.1-flash-image', 'gemini-3.1-flash-image-preview']) {
      expect(await source(id)).toEqual({
        url: 'https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/gemini/3-1-flash-image',
        day: '2026-12-06',
        basis: 'unverified',
        note: seed.priceSource.note,
      })
      expect(await prices(id)).toEqual([
        { size: '512', usd: '0.045' },
        { size: '1K', usd: '0.067' },
        { size: '2K', usd: '0.101' },
        { size: '4K', usd: '0.151' },
      ])
    }
    expect(logged.at(-1)).toMatch(/gemini-3\.1-flash-image is marked unverified/)
  })

  it("marks Pro's and the retired Flash's prices as listed by Google, with the seed's notes", async () => {
    const pro = IMAGE_MODEL_SEEDS.find((row) => row.id === 'gemini-3-pro-image')!
    expect(await source('gemini-3-pro-image')).toEqual({
      url: 'https://ai.google.dev/gemini-api/docs/pricing',
      day: '2026-09-15',
      basis: 'listed',
      note: pro.priceSource.note,
    })
    expect(await prices('gemini-3-pro-image')).toEqual([
      { size: '1K', usd: '0.134' },
      { size: '2K', usd: '0.134' },
      { size: '4K', usd: '0.24' },
    ])
    expect(await source('gemini-2.5-flash-image')).toMatchObject({
      basis: 'listed',
      note: expect.any(String),
    })
  })

  it('leaves what an admin changed or added alone, as unverified', async () => {
    expect(await source('gemini-3-pro-image-preview')).toEqual({
      url: 'https://example.com/prices',
      day: '2026-11-01',
      basis: 'unverified',
      note: null,
    })
    expect(await source('gemini-test-image')).toMatchObject({ basis: 'unverified', note: null })
  })

  it('the later migrations run on top of it, and it goes down cleanly', async () => {
    for (const migration of migrations.slice(index + 1)) await migration.up(args)
    for (const migration of migrations.slice(index).reverse()) await migration.down(args)
    const columns = await query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'image_models' and column_name like 'price_source_%' order by 1`,
    )
    expect(columns.map((row) => row.column_name)).toEqual(['price_source_checked_on', 'price_source_url'])
  })
})
