import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { STUDIO_RECORD_COLLECTIONS } from '@/studios/studioOwned'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient } from '../../support/clients/client'
import {
  type RecordCollection,
  removeStudioRecords,
  type StudioRecords,
  studioRecords,
} from '../../support/fixtures/studioRecords'
import {
  fileAt,
  type StudioName,
  type TwoStudios,
  twoStudiosWithEditors,
} from '../../support/fixtures/twoStudios'

/**
 * The isolation matrix of the studio's books (issue 24's "Done when"): two studios × every record
 * collection × read, create, update and delete × (anonymous, A's customer, B's customer, A's
 * editor, B's owner, the platform admin), through REST, by id, by `where`, by bulk update and
 * delete, and by file URL. Who reads what (src/access/ownsOrStudioOwner.ts and studioScope): a
 * customer their own shoots, photos, portraits, sales and ledger; an editor their studio's test
 * renders; an owner every row of their studio; the admin all. Every other access is refused and
 * the database is unchanged (row counts and updatedAt).
 */
const COLLECTIONS = STUDIO_RECORD_COLLECTIONS
const CUSTOMERS_OWN: readonly RecordCollection[] = [
  'photo-uploads',
  'generations',
  'generation-results',
  'purchases',
  'credit-ledger',
]
type Caller = 'anonymous' | 'customerA' | 'customerB' | 'editorA' | 'ownerB' | 'admin'
const CALLERS: Caller[] = ['anonymous', 'customerA', 'customerB', 'editorA', 'ownerB', 'admin']

/** The studios whose rows of `collection` `caller` reads. */
const reads = (caller: Caller, collection: RecordCollection): StudioName[] => {
  if (caller === 'admin') return ['A', 'B']
  if (caller === 'ownerB') return ['B']
  if (caller === 'editorA') return collection === 'test-renders' ? ['A'] : []
  if (caller === 'customerA') return CUSTOMERS_OWN.includes(collection) ? ['A'] : []
  if (caller === 'customerB') return CUSTOMERS_OWN.includes(collection) ? ['B'] : []
  return []
}

/**
 * A refused read: a 404 where the caller's access is a Where (every signed-in user's on the rows
 * customers own; staff's where they read their studio's), as for an id that does not exist;
 * Payload's 403 where the caller has no read access at all, and 401 for the anonymous.
 */
const refusal = (caller: Caller, collection: RecordCollection): number[] => {
  if (caller === 'anonymous') return [401, 403]
  return CUSTOMERS_OWN.includes(collection) || reads(caller, collection).length > 0 ? [404] : [403]
}
const isStaff = (caller: Caller) => caller === 'editorA' || caller === 'ownerB'

describe('studios: the studio’s books never reach another studio', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let two: TwoStudios
  const books = {} as Record<StudioName, StudioRecords>
  const clients = {} as Record<Caller, ApiClient>
  let ownerId = 0
  const run = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`

  const snapshot = async () => {
    const rows: Record<string, string> = {}
    for (const collection of COLLECTIONS) {
      const { docs } = await payload.find({
        collection,
        where: { studio: { in: [two.studio.A, two.studio.B] } },
        pagination: false,
        depth: 0,
        select: { updatedAt: true, studio: true },
      })
      for (const doc of docs)
        rows[`${collection}:${doc.id}`] = `${String((doc as { studio?: unknown }).studio)}@${doc.updatedAt}`
    }
    return rows
  }

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    two = await twoStudiosWithEditors(payload, server.url, `books-${run}`)
    books.A = await studioRecords(payload, server.url, two, 'A', run)
    books.B = await studioRecords(payload, server.url, two, 'B', run)
    const email = `books-${run}-owner-b@example.com`
    ownerId = (
      await payload.create({
        collection: 'users',
        data: {
          email,
          password: 'books-pass-1',
          role: 'owner',
          tenants: [{ tenant: two.studio.B }],
        } as never,
      })
    ).id as number
    Object.assign(clients, {
      anonymous: new ApiClient(server.url),
      customerA: books.A.customer,
      customerB: books.B.customer,
      editorA: two.editor.A,
      ownerB: await new ApiClient(server.url).login(email, 'books-pass-1'),
      admin: await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass'),
    })
  }, 300_000)

  afterAll(async () => {
    if (payload) {
      for (const name of ['A', 'B'] as const) if (books[name]) await removeStudioRecords(payload, books[name])
      if (ownerId) await payload.delete({ collection: 'users', id: ownerId }).catch(() => undefined)
    }
    await two?.remove()
    await server?.close()
  })

  it('every row was given its studio by the server', async () => {
    for (const name of ['A', 'B'] as const)
      for (const collection of COLLECTIONS) {
        const doc = await payload.findByID({ collection, id: books[name].ids[collection], depth: 0 })
        expect((doc as { studio?: unknown }).studio, `${name} ${collection}`).toBe(two.studio[name])
      }
  })

  it('reads by id only what the caller may: another studio’s row is refused', async () => {
    for (const caller of CALLERS)
      for (const collection of COLLECTIONS)
        for (const name of ['A', 'B'] as const) {
          const response = await clients[caller].get(
            `/api/${collection}/${books[name].ids[collection]}?depth=0`,
          )
          const expected = reads(caller, collection).includes(name) ? [200] : refusal(caller, collection)
          expect(expected, `${caller} GET ${collection} of ${name}`).toContain(response.status)
        }
  })

  it('lists by where only the rows the caller may read', async () => {
    for (const caller of CALLERS)
      for (const collection of COLLECTIONS) {
        const ids = [books.A.ids[collection], books.B.ids[collection]].join(',')
        const list = await clients[caller].get(`/api/${collection}?depth=0&where[id][in]=${ids}`)
        const own = reads(caller, collection)
        if (list.status === 401 || list.status === 403) {
          expect(own, `${caller} list ${collection}`).toEqual([])
          continue
        }
        expect(list.status, `${caller} list ${collection}`).toBe(200)
        const expected = own.map((name) => books[name].ids[collection]).sort()
        expect(list.body.docs.map((doc: { id: number }) => doc.id).sort(), `${caller} ${collection}`).toEqual(
          expected,
        )
      }
  })

  it('serves a file URL only to who may read its row', async () => {
    for (const caller of CALLERS)
      for (const name of ['A', 'B'] as const)
        for (const path of books[name].files) {
          const collection = path.split('/')[0] as RecordCollection
          const { status } = await fileAt(server.url, `/api/${path}`, { token: clients[caller].token })
          const expected = reads(caller, collection).includes(name) ? [200] : refusal(caller, collection)
          expect(expected, `${caller} GET ${path}`).toContain(status)
        }
  })

  it('refuses every other caller’s update and delete, by id and in bulk, and nothing changes', async () => {
    const before = await snapshot()
    for (const caller of CALLERS.filter((one) => one !== 'admin'))
      for (const collection of COLLECTIONS)
        for (const name of ['A', 'B'] as const) {
          // Rows the caller reads are theirs to change as their role allows: only the others here.
          if (reads(caller, collection).includes(name)) continue
          const id = books[name].ids[collection]
          const who = `${caller} ${collection} of ${name}`
          const update = await clients[caller].patch(`/api/${collection}/${id}`, {})
          const remove = await clients[caller].delete(`/api/${collection}/${id}`)
          // Another studio's staff are told no more than a read tells them; a customer or visitor
          // with no right to the operation at all gets Payload's 401 or 403, whatever the id.
          for (const [what, response] of [
            ['PATCH', update],
            ['DELETE', remove],
          ] as const)
            if (isStaff(caller))
              expect(refusal(caller, collection), `${who} ${what}`).toContain(response.status)
            else expect([401, 403, 404], `${who} ${what} ${response.status}`).toContain(response.status)
          const bulkUpdate = await clients[caller].patch(`/api/${collection}?where[id][in]=${id}`, {})
          const bulkDelete = await clients[caller].delete(`/api/${collection}?where[id][in]=${id}`)
          for (const [what, response] of [
            ['bulk PATCH', bulkUpdate],
            ['bulk DELETE', bulkDelete],
          ] as const)
            if (response.status === 200) expect(response.body.docs, `${who} ${what}`).toEqual([])
            else expect([401, 403, 404], `${who} ${what} ${response.status}`).toContain(response.status)
        }
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a create naming another studio, or for another studio’s customer, and nothing changes', async () => {
    const before = await snapshot()
    for (const caller of CALLERS.filter((one) => one !== 'admin'))
      for (const collection of COLLECTIONS) {
        const other = caller.endsWith('A') ? 'B' : 'A'
        const response = await clients[caller].post(`/api/${collection}`, { studio: two.studio[other] })
        expect([400, 401, 403], `${caller} POST ${collection} ${response.status}`).toContain(response.status)
      }
    const intruder = await clients.ownerB.post('/api/credit-adjustments', {
      user: books.A.customer.id,
      amount: 5,
      reason: 'Not my customer',
    })
    expect(intruder.status, JSON.stringify(intruder.body).slice(0, 300)).toBe(400)
    expect(JSON.stringify(intruder.body)).toMatch(/user/)
    expect(await snapshot()).toEqual(before)
  })

  it('lets B’s owner adjust B’s customer’s shoots, in B', async () => {
    const granted = await clients.ownerB.post('/api/credit-adjustments?depth=0', {
      user: books.B.customer.id,
      amount: 1,
      reason: 'Goodwill from the owner',
    })
    expect(granted.status, JSON.stringify(granted.body).slice(0, 300)).toBe(201)
    expect(granted.body.doc.studio).toBe(two.studio.B)
  })
})
