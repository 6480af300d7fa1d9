import type { FlattenedField } from 'payload'
import { describe, expect, it } from 'vitest'

import { danglingReferences, relationReferences } from '@/lib/relations'

/** Field shapes as Payload flattens them (a config's flattenedFields), one of each kind that holds relations. */
const fields = [
  { name: 'studio', type: 'relationship', relationTo: 'studios' },
  { name: 'tags', type: 'relationship', relationTo: 'tags', hasMany: true },
  { name: 'subject', type: 'relationship', relationTo: ['users', 'media'] },
  { name: 'model', type: 'relationship', relationTo: 'image-models' },
  {
    name: 'branding',
    type: 'group',
    flattenedFields: [{ name: 'logo', type: 'upload', relationTo: 'media' }],
  },
  {
    name: 'tenants',
    type: 'array',
    flattenedFields: [{ name: 'tenant', type: 'relationship', relationTo: 'studios' }],
  },
  {
    name: 'layout',
    type: 'blocks',
    blocks: [{ slug: 'hero', flattenedFields: [{ name: 'image', type: 'upload', relationTo: 'media' }] }],
  },
] as unknown as FlattenedField[]

const textIds = new Set(['image-models'])

describe('relationReferences', () => {
  it('finds every relation value with its field path, at any depth', () => {
    const found = relationReferences(
      {
        studio: 1,
        tags: [2, '3'],
        subject: { relationTo: 'media', value: 4 },
        model: 'gemini-3-pro-image',
        branding: { logo: { id: 5 } },
        tenants: [{ tenant: 6 }, { tenant: 7 }],
        layout: [{ blockType: 'hero', image: 8 }],
        ignored: 9,
      },
      fields,
      textIds,
    )
    expect(found.map(({ path, collection, id }) => `${path}:${collection}:${id}`)).toEqual([
      'studio:studios:1',
      'tags.0:tags:2',
      'tags.1:tags:3',
      'subject:media:4',
      'model:image-models:gemini-3-pro-image',
      'branding.logo:media:5',
      'tenants.0.tenant:studios:6',
      'tenants.1.tenant:studios:7',
      'layout.0.image:media:8',
    ])
  })

  it('refuses a value that cannot be an id of its target, naming its path', () => {
    for (const [data, field] of [
      [{ tenants: [{ tenant: 'abc' }] }, 'tenants.0.tenant'],
      [{ tags: [1, -2] }, 'tags.1'],
      [{ subject: { relationTo: 'studios', value: 1 } }, 'subject'],
      [{ model: 7 }, 'model'],
      [{ branding: { logo: 1.5 } }, 'branding.logo'],
    ] as const) {
      expect(() => relationReferences(data, fields, textIds), JSON.stringify(data)).toThrow(
        expect.objectContaining({ status: 400, details: { field } }),
      )
    }
  })
})

describe('danglingReferences', () => {
  it('asks once per collection and lists the references whose document does not exist, in field order', async () => {
    const asked: string[] = []
    const existing = async (collection: string, ids: (number | string)[]) => {
      asked.push(`${collection}:${ids.join(',')}`)
      return new Set(ids.map(String).filter((id) => id !== '7'))
    }
    const references = relationReferences(
      { studio: 6, tenants: [{ tenant: 6 }, { tenant: 7 }], branding: { logo: 7 } },
      fields,
      textIds,
    )
    expect((await danglingReferences(references, existing)).map(({ path }) => path)).toEqual([
      'branding.logo',
      'tenants.1.tenant',
    ])
    expect(asked.sort()).toEqual(['media:7', 'studios:6,7'])
    expect(
      await danglingReferences(
        references.filter(({ id }) => id === 6),
        existing,
      ),
    ).toEqual([])
  })
})
