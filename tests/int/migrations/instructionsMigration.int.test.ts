import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '@/migrations'

import {
  type MigrationArgs,
  type MigrationDatabase,
  migratedUpTo,
  migrationIndex,
} from '../../support/setup/migrationDatabase'

const FULL = {
  prefix: 'Fine wedding photography for {packageName}.',
  suffix: 'One of {imageCount} variations.',
  avoid: ['extra people', 'cartoon look', 'harsh flash'],
  portraitTypes: {
    couple: 'Both faces clearly visible.',
    family: 'All {familyMemberCount} people in focus.',
  },
}

/**
 * The generation_instructions_fields migration on a database whose packages hold the old JSON:
 * every text and every avoid phrase (in order) lands in the new columns and rows; packages
 * without instructions get none; down gives the same JSON back, and up again the same fields.
 */
describe('the generation instructions migration', () => {
  let database: MigrationDatabase | undefined
  let args: MigrationArgs
  const index = migrationIndex('_generation_instructions_fields')
  const ids: Record<string, number> = {}
  const query = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    database!.query<T>(text, values)

  beforeAll(async () => {
    database = await migratedUpTo(index, 'pp_instructions')
    ;({ args } = database)
    const insert = async (slug: string, instructions: unknown) =>
      (ids[slug] = (
        await query<{ id: number }>(
          `insert into photo_packages (name, slug, category, images_per_generation, base_prompt_template, generation_instructions)
           values ($1, $1, 'wedding', 3, 'A portrait of {portraitType}', $2) returning id`,
          [slug, instructions === undefined ? null : JSON.stringify(instructions)],
        )
      )[0].id)
    await insert('full', FULL)
    await insert('avoid-only', { avoid: ['watermarks'] })
    await insert('none', undefined)
    await insert('empty-object', {})
  })

  afterAll(() => database?.close())

  const fields = async (slug: string) => {
    const [row] = await query(
      `select generation_instructions_prefix as prefix, generation_instructions_suffix as suffix,
        generation_instructions_portrait_types_single as single, generation_instructions_portrait_types_couple as couple,
        generation_instructions_portrait_types_family as family,
        (select coalesce(json_agg(t.text order by t."order"), '[]') from photo_packages_texts t
          where t.parent_id = p.id and t.path = 'generationInstructions.avoid') as avoid
       from photo_packages p where id = $1`,
      [ids[slug]],
    )
    return row
  }

  const up = () => migrations[index].up(args)

  it('moves every text and avoid phrase into the fields, in order', async () => {
    await up()
    expect(await fields('full')).toEqual({
      prefix: FULL.prefix,
      suffix: FULL.suffix,
      single: null,
      couple: FULL.portraitTypes.couple,
      family: FULL.portraitTypes.family,
      avoid: FULL.avoid,
    })
    expect(await fields('avoid-only')).toMatchObject({ prefix: null, avoid: ['watermarks'] })
    for (const slug of ['none', 'empty-object'])
      expect(await fields(slug)).toEqual({
        prefix: null,
        suffix: null,
        single: null,
        couple: null,
        family: null,
        avoid: [],
      })
  })

  it('gives the same JSON back on down, and the same fields on up again', async () => {
    await migrations[index].down(args)
    const json = async (slug: string) =>
      (
        await query(`select generation_instructions as value from photo_packages where id = $1`, [ids[slug]])
      )[0].value
    expect(await json('full')).toEqual(FULL)
    expect(await json('avoid-only')).toEqual({ avoid: ['watermarks'] })
    expect(await json('none')).toBeNull()
    expect(await json('empty-object')).toBeNull()
    await up()
    expect((await fields('full')).avoid).toEqual(FULL.avoid)
    expect((await fields('full')).family).toBe(FULL.portraitTypes.family)
  })
})
