import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { STUDIO_CATALOG_COLLECTIONS } from '@/studios/studioOwned'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient, type ApiResponse } from '../../support/clients/client'
import { portraitJpeg } from '../../support/fixtures/images'

/**
 * Two studios' catalogs, side by side (issue 24): A's editor and B's owner reach only their own
 * studio's packages, themes, tiers, bundles and media, by id, by `where`, by bulk update and
 * delete, and cannot create into or move a document to the other studio; every refusal leaves the
 * database as it was (row counts and updatedAt). The platform admin reaches both. Everything here
 * is made with unique names and deleted in afterAll (the int files share one database).
 */
const CATALOG = STUDIO_CATALOG_COLLECTIONS
type Catalog = (typeof CATALOG)[number]
type Docs = Record<Catalog, number[]>

/** A harmless change for each collection (media has no sortOrder). */
const change = (collection: Catalog, value: number) =>
  collection === 'media' ? { alt: `changed ${value}` } : { sortOrder: value }

const run = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
const unique = (label: string) => `${label}-${run}`

/** A refusal that names the studio: the plugin's validation error (path) or our own (field). */
const namesStudio = (response: ApiResponse) => {
  const error = response.body?.errors?.[0]
  const paths = (error?.data?.errors ?? []).map((entry: { path: string }) => entry.path)
  return (
    paths.includes('studio') || error?.data?.field === 'studio' || /\bstudio\b/i.test(error?.message ?? '')
  )
}

describe('studios: one studio never reaches another studio’s catalog', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  let editorA: ApiClient
  let ownerB: ApiClient
  const studio = { A: 0, B: 0 }
  const docs: { A: Docs; B: Docs } = {
    A: {
      media: [],
      'photo-packages': [],
      'package-themes': [],
      'package-pricing-tiers': [],
      'package-bundles': [],
    },
    B: {
      media: [],
      'photo-packages': [],
      'package-themes': [],
      'package-pricing-tiers': [],
      'package-bundles': [],
    },
  }
  const users: number[] = []
  /** Documents made over REST during the tests, deleted in afterAll too. */
  const made: { collection: Catalog; id: number }[] = []

  const catalogOf = async (name: 'A' | 'B', photo: Buffer) => {
    const id = studio[name]
    const own = docs[name]
    const create = async (collection: Catalog, data: Record<string, unknown>, file?: Buffer) => {
      const doc = await payload.create({
        collection,
        data: { ...data, studio: id } as never,
        depth: 0,
        ...(file && {
          file: {
            data: file,
            mimetype: 'image/jpeg',
            name: `${unique(`iso-${name}`)}.jpg`,
            size: file.length,
          },
        }),
      })
      own[collection].push(doc.id as number)
      return doc.id as number
    }
    await create('media', { alt: unique(`iso ${name}`) }, photo)
    const first = await create('photo-packages', { name: unique(`Iso ${name} one`), category: 'artistic' })
    const second = await create('photo-packages', { name: unique(`Iso ${name} two`), category: 'artistic' })
    await create('package-themes', {
      package: first,
      name: unique(`Iso ${name}`),
      settingPrompt: 'a grey backdrop',
    })
    await create('package-pricing-tiers', {
      package: first,
      name: `Iso ${name}`,
      shootsCount: 2,
      priceCents: 200,
    })
    await create('package-bundles', {
      name: unique(`Iso ${name} bundle`),
      items: [
        { package: first, shoots: 1 },
        { package: second, shoots: 1 },
      ],
      priceCents: 300,
    })
  }

  /** Every catalog row of both studios: id → updatedAt, and the count per studio and collection. */
  const snapshot = async () => {
    const rows: Record<string, string> = {}
    for (const collection of CATALOG) {
      const { docs: found } = await payload.find({
        collection,
        where: { studio: { in: [studio.A, studio.B] } },
        pagination: false,
        depth: 0,
        select: { updatedAt: true, studio: true },
      })
      for (const doc of found)
        rows[`${collection}:${doc.id}`] = `${String((doc as { studio?: unknown }).studio)}@${doc.updatedAt}`
    }
    return rows
  }

  const signedIn = async (role: 'editor' | 'owner', studioId: number) => {
    const email = `${unique(`iso-${role}`)}@example.com`
    const user = await payload.create({
      collection: 'users',
      data: { email, password: 'isolation-pass-1', role, tenants: [{ tenant: studioId }] } as never,
    })
    users.push(user.id as number)
    return new ApiClient(server.url).login(email, 'isolation-pass-1')
  }

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    for (const name of ['A', 'B'] as const)
      studio[name] = (
        await payload.create({ collection: 'studios', data: { name: unique(`Isolation ${name}`) } as never })
      ).id as number
    const photo = await portraitJpeg(600, 800)
    await catalogOf('A', photo)
    await catalogOf('B', photo)
    editorA = await signedIn('editor', studio.A)
    ownerB = await signedIn('owner', studio.B)
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
  })

  afterAll(async () => {
    if (payload) {
      const all = [
        ...made,
        ...(['A', 'B'] as const).flatMap((name) =>
          CATALOG.flatMap((collection) => docs[name][collection].map((id) => ({ collection, id }))),
        ),
      ]
      // Bundles before their packages (a bundled package may not go); a package takes its themes and tiers.
      const order: Catalog[] = [
        'package-bundles',
        'package-pricing-tiers',
        'package-themes',
        'photo-packages',
        'media',
      ]
      for (const collection of order)
        for (const { id } of all.filter((entry) => entry.collection === collection))
          await payload.delete({ collection, id }).catch(() => undefined)
      for (const id of users) await payload.delete({ collection: 'users', id }).catch(() => undefined)
      for (const id of Object.values(studio))
        if (id) await payload.delete({ collection: 'studios', id }).catch(() => undefined)
    }
    await server?.close()
  })

  const callers = () =>
    [
      { who: 'A’s editor', client: editorA, own: 'A', other: 'B' },
      { who: 'B’s owner', client: ownerB, own: 'B', other: 'A' },
    ] as const

  it('reads its own studio’s documents by id, and another studio’s are a 404', async () => {
    for (const { who, client, own, other } of callers())
      for (const collection of CATALOG) {
        for (const id of docs[own][collection])
          expect(
            (await client.get(`/api/${collection}/${id}?depth=0`)).status,
            `${who} ${collection} own`,
          ).toBe(200)
        for (const id of docs[other][collection])
          expect(
            (await client.get(`/api/${collection}/${id}?depth=0`)).status,
            `${who} ${collection} ${id}`,
          ).toBe(404)
      }
  })

  it('lists by where only its own studio’s documents', async () => {
    for (const { who, client, own } of callers())
      for (const collection of CATALOG) {
        const ids = [...docs.A[collection], ...docs.B[collection]]
        const list = await client.get(`/api/${collection}?depth=0&limit=100&where[id][in]=${ids.join(',')}`)
        expect(list.status, `${who} ${collection}`).toBe(200)
        expect(list.body.docs.map((doc: { id: number }) => doc.id).sort(), `${who} ${collection}`).toEqual(
          [...docs[own][collection]].sort(),
        )
        const byStudio = await client.get(
          `/api/${collection}?depth=0&limit=100&where[studio][in]=${studio.A},${studio.B}`,
        )
        expect(
          byStudio.body.docs.every((doc: { studio: number }) => doc.studio === studio[own]),
          `${who} ${collection} by studio`,
        ).toBe(true)
      }
  })

  it('cannot update or delete another studio’s documents by id: a 404, as a read, and nothing changes', async () => {
    const before = await snapshot()
    for (const { who, client, other } of callers())
      for (const collection of CATALOG)
        for (const id of docs[other][collection]) {
          // Even where the role has no such right at all (an editor deleting a package, touching a
          // tier or a bundle): a 403 would tell the caller the document exists.
          const update = await client.patch(`/api/${collection}/${id}`, change(collection, 7))
          expect(update.status, `${who} PATCH ${collection} ${id}`).toBe(404)
          const remove = await client.delete(`/api/${collection}/${id}`)
          expect(remove.status, `${who} DELETE ${collection} ${id}`).toBe(404)
          expect(remove.status, `${who} DELETE ${collection} ${id}: as one that does not exist`).toBe(
            (await client.delete(`/api/${collection}/${id + 1_000_000}`)).status,
          )
        }
    expect(await snapshot()).toEqual(before)
  })

  it('is refused (403) an operation its role lacks on its own studio’s documents, and nothing changes', async () => {
    const before = await snapshot()
    // What each role may not do at all in its own studio: an editor deletes no package and
    // touches no tier or bundle; an owner may do everything there.
    const lacking: [string, ApiClient, 'A' | 'B', Catalog, 'PATCH' | 'DELETE'][] = [
      ['A’s editor', editorA, 'A', 'photo-packages', 'DELETE'],
      ['A’s editor', editorA, 'A', 'package-pricing-tiers', 'PATCH'],
      ['A’s editor', editorA, 'A', 'package-pricing-tiers', 'DELETE'],
      ['A’s editor', editorA, 'A', 'package-bundles', 'PATCH'],
      ['A’s editor', editorA, 'A', 'package-bundles', 'DELETE'],
    ]
    for (const [who, client, own, collection, method] of lacking) {
      const id = docs[own][collection][0]
      const response =
        method === 'PATCH'
          ? await client.patch(`/api/${collection}/${id}`, change(collection, 8))
          : await client.delete(`/api/${collection}/${id}`)
      expect(response.status, `${who} ${method} ${collection} ${id}`).toBe(403)
    }
    expect(await snapshot()).toEqual(before)
  })

  /** 200 where the role may do it in its own studio (the other's rows left out), 403 where it may not at all. */
  const mayAtAll = (who: string, collection: Catalog, method: 'PATCH' | 'DELETE') =>
    who.includes('editor') &&
    (['package-pricing-tiers', 'package-bundles'].includes(collection) ||
      (collection === 'photo-packages' && method === 'DELETE'))
      ? 403
      : 200

  it('bulk updates and deletes by where leave another studio’s documents alone', async () => {
    const before = await snapshot()
    for (const { who, client, other } of callers())
      for (const collection of CATALOG) {
        const ids = docs[other][collection].join(',')
        const update = await client.patch(`/api/${collection}?where[id][in]=${ids}`, change(collection, 9))
        expect(update.status, `${who} bulk PATCH ${collection}`).toBe(mayAtAll(who, collection, 'PATCH'))
        if (update.status === 200) expect(update.body.docs, `${who} bulk PATCH ${collection}`).toEqual([])
        const remove = await client.delete(`/api/${collection}?where[id][in]=${ids}`)
        expect(remove.status, `${who} bulk DELETE ${collection}`).toBe(mayAtAll(who, collection, 'DELETE'))
        if (remove.status === 200) expect(remove.body.docs, `${who} bulk DELETE ${collection}`).toEqual([])
      }
    expect(await snapshot()).toEqual(before)
  })

  it('cannot create into another studio, directly or through the other studio’s package', async () => {
    const before = await snapshot()
    const bodies = (other: 'A' | 'B'): [Catalog, Record<string, unknown>][] => [
      ['photo-packages', { name: unique('Intruder'), category: 'artistic', studio: studio[other] }],
      [
        'package-themes',
        { package: docs[other]['photo-packages'][0], name: unique('Intruder'), settingPrompt: 'x' },
      ],
      [
        'package-themes',
        {
          package: docs[other]['photo-packages'][0],
          name: unique('Intruder'),
          settingPrompt: 'x',
          studio: studio[other],
        },
      ],
    ]
    for (const { who, client, other } of callers())
      for (const [collection, body] of bodies(other)) {
        const response = await client.post(`/api/${collection}`, body)
        expect(response.status, `${who} ${collection} ${JSON.stringify(response.body).slice(0, 300)}`).toBe(
          400,
        )
        expect(
          namesStudio(response),
          `${who} ${collection} ${JSON.stringify(response.body).slice(0, 300)}`,
        ).toBe(true)
      }
    // B's owner may make tiers, but not on A's package.
    const tier = await ownerB.post('/api/package-pricing-tiers', {
      package: docs.A['photo-packages'][0],
      name: 'Intruder',
      shootsCount: 1,
      priceCents: 100,
    })
    expect(tier.status, JSON.stringify(tier.body).slice(0, 300)).toBe(400)
    expect(namesStudio(tier)).toBe(true)
    expect(await snapshot()).toEqual(before)
  })

  it('cannot move its own document to another studio', async () => {
    const before = await snapshot()
    for (const { who, client, own, other } of callers())
      for (const collection of ['photo-packages', 'package-themes', 'media'] as const) {
        const id = docs[own][collection][0]
        const response = await client.patch(`/api/${collection}/${id}`, { studio: studio[other] })
        expect(response.status, `${who} ${collection} ${JSON.stringify(response.body).slice(0, 300)}`).toBe(
          400,
        )
        expect(namesStudio(response), `${who} ${collection}`).toBe(true)
      }
    expect(await snapshot()).toEqual(before)
  })

  it('a create that names no studio lands in the caller’s own studio', async () => {
    const created = await editorA.post('/api/photo-packages?depth=0', {
      name: unique('Own A'),
      category: 'artistic',
    })
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201)
    made.push({ collection: 'photo-packages', id: created.body.doc.id })
    expect(created.body.doc.studio).toBe(studio.A)
    const theme = await ownerB.post('/api/package-themes?depth=0', {
      package: docs.B['photo-packages'][0],
      name: unique('Own B'),
      settingPrompt: 'a grey backdrop',
    })
    expect(theme.status, JSON.stringify(theme.body).slice(0, 300)).toBe(201)
    made.push({ collection: 'package-themes', id: theme.body.doc.id })
    expect(theme.body.doc.studio).toBe(studio.B)
  })

  it('the same slug may be used once in each studio', async () => {
    const slug = unique('same-slug')
    const inA = await editorA.post('/api/photo-packages', { name: 'Same A', slug, category: 'artistic' })
    expect(inA.status, JSON.stringify(inA.body).slice(0, 300)).toBe(201)
    made.push({ collection: 'photo-packages', id: inA.body.doc.id })
    const inB = await ownerB.post('/api/photo-packages', { name: 'Same B', slug, category: 'artistic' })
    expect(inB.status, JSON.stringify(inB.body).slice(0, 300)).toBe(201)
    made.push({ collection: 'photo-packages', id: inB.body.doc.id })
    const again = await ownerB.post('/api/photo-packages', {
      name: 'Same B again',
      slug,
      category: 'artistic',
    })
    expect(again.status).toBe(400)
    expect(JSON.stringify(again.body)).toMatch(/slug/)
  })

  it('the platform admin reaches both studios and may move a document between them', async () => {
    for (const name of ['A', 'B'] as const)
      for (const collection of CATALOG)
        expect((await admin.get(`/api/${collection}/${docs[name][collection][0]}?depth=0`)).status).toBe(200)
    const created = await admin.post('/api/photo-packages?depth=0', {
      name: unique('Admin in B'),
      category: 'artistic',
      studio: studio.B,
    })
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201)
    made.push({ collection: 'photo-packages', id: created.body.doc.id })
    const moved = await admin.patch(`/api/photo-packages/${created.body.doc.id}?depth=0`, {
      studio: studio.A,
    })
    expect(moved.status, JSON.stringify(moved.body).slice(0, 300)).toBe(200)
    expect(moved.body.doc.studio).toBe(studio.A)
  })
})
