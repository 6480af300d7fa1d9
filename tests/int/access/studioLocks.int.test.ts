import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient, type ApiResponse } from '../../support/clients/client'
import { databaseFingerprint } from '../../support/fixtures/hostile'
import { type TwoStudios, twoStudiosWithEditors } from '../../support/fixtures/twoStudios'

const LOCKS = '/api/payload-locked-documents'

/**
 * Document locks across studios (issue 24, a fresh tester's finding): B's editor listed the lock
 * the platform admin held on studio A's package, locked A's package in their own name (A's
 * editor then got 423 saving it) and took A's locks over. Now a studio's staff see, make and
 * take over locks only on their studios' documents; the admin sees every lock.
 */
describe('studios: document locks stay within a studio', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let two: TwoStudios
  let admin: ApiClient
  const id = { admin: 0, A: 0, B: 0 }
  const packages: number[] = []

  const newPackage = async (studio: number) => {
    const doc = await payload.create({
      collection: 'photo-packages',
      data: {
        name: `Locks ${Date.now()}-${packages.length}`,
        category: 'artistic',
        isActive: false,
        imagesPerGeneration: 1,
        basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
        studio,
      } as never,
      depth: 0,
    })
    packages.push(doc.id)
    return doc.id
  }
  const lockBody = (relationTo: string, value: number, user: number) => ({
    document: { relationTo, value },
    user: { relationTo: 'users', value: user },
  })
  const lock = async (client: ApiClient, relationTo: string, value: number, user: number) => {
    const response = await client.post(LOCKS, lockBody(relationTo, value, user))
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc.id as number
  }
  const listed = async (client: ApiClient, ids: number[]) => {
    const response = await client.get(`${LOCKS}?depth=0&limit=100&where[id][in]=${ids.join(',')}`)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    return (response.body.docs as { id: number }[]).map((doc) => doc.id).sort((a, b) => a - b)
  }
  const refusal = (response: ApiResponse) => ({
    status: response.status,
    field: response.body?.errors?.[0]?.data?.field ?? response.body?.field,
  })

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    two = await twoStudiosWithEditors(payload, server.url, 'locks')
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    id.admin = (await admin.get('/api/users/me')).body.user.id
    id.A = (await two.editor.A.get('/api/users/me')).body.user.id
    id.B = (await two.editor.B.get('/api/users/me')).body.user.id
  })

  afterAll(async () => {
    // Deleting a package deletes its locks too (Payload's checkDocumentLockStatus).
    await payload
      ?.delete({ collection: 'payload-locked-documents', where: { 'user.value': { in: [id.A, id.B] } } })
      .catch(() => undefined)
    for (const doc of packages)
      await payload?.delete({ collection: 'photo-packages', id: doc }).catch(() => undefined)
    await two?.remove()
    await server?.close()
  })

  it("B's editor cannot see, make, take over or release A's locks; the database stays as it was", async () => {
    const [packageA, otherPackageA, packageB] = [
      await newPackage(two.studio.A),
      await newPackage(two.studio.A),
      await newPackage(two.studio.B),
    ]
    // The tester's setup: the admin edits A's package; A's and B's editors each lock one of their own.
    const adminLock = await lock(admin, 'photo-packages', packageA, id.admin)
    const lockA = await lock(two.editor.A, 'photo-packages', otherPackageA, id.A)
    const lockB = await lock(two.editor.B, 'photo-packages', packageB, id.B)
    const all = [adminLock, lockA, lockB].sort((a, b) => a - b)

    const before = await databaseFingerprint(payload)
    const B = two.editor.B
    expect(await listed(B, all)).toEqual([lockB])
    expect((await B.get(`${LOCKS}/${lockA}`)).status).toBe(404)
    // Making a lock on A's package, on A's studio, on another studio's staff account: 404 naming document.
    for (const [relationTo, value] of [
      ['photo-packages', packageA],
      ['photo-packages', otherPackageA],
      ['studios', two.studio.A],
      ['users', id.A],
    ] as const) {
      const made = await B.post(LOCKS, lockBody(relationTo, value, id.B))
      expect(refusal(made), `${relationTo} ${value} ${JSON.stringify(made.body)}`).toEqual({
        status: 404,
        field: 'document',
      })
    }
    // Taking A's locks over, or moving B's own lock onto A's package: 404 naming document.
    for (const [target, body] of [
      [adminLock, { user: { relationTo: 'users', value: id.B } }],
      [lockA, { user: { relationTo: 'users', value: id.B } }],
      [lockA, {}],
      [lockB, { document: { relationTo: 'photo-packages', value: packageA } }],
    ] as const) {
      const taken = await B.patch(`${LOCKS}/${target}`, body)
      expect(refusal(taken), `${target} ${JSON.stringify(taken.body)}`).toEqual({
        status: 404,
        field: 'document',
      })
    }
    // A bulk update reaches none of A's locks; releasing one is refused.
    const bulk = await B.patch(`${LOCKS}?where[id][in]=${adminLock},${lockA}`, {})
    expect({ status: bulk.status, docs: bulk.body.docs?.length }).toEqual({ status: 200, docs: 0 })
    expect((await B.delete(`${LOCKS}/${lockA}`)).status).toBe(403)
    expect(await databaseFingerprint(payload)).toBe(before)

    // A's editor sees the admin's lock on A's package and their own; the admin sees all three.
    expect(await listed(two.editor.A, all)).toEqual([adminLock, lockA].sort((a, b) => a - b))
    expect(await listed(admin, all)).toEqual(all)
  })

  it("A's editor still locks, takes over and saves A's documents after B's attempt", async () => {
    const packageA = await newPackage(two.studio.A)
    expect(refusal(await two.editor.B.post(LOCKS, lockBody('photo-packages', packageA, id.B)))).toEqual({
      status: 404,
      field: 'document',
    })
    const adminLock = await lock(admin, 'photo-packages', packageA, id.admin)
    const taken = await two.editor.A.patch(`${LOCKS}/${adminLock}`, {
      user: { relationTo: 'users', value: id.A },
    })
    expect(taken.status, JSON.stringify(taken.body)).toBe(200)
    const saved = await two.editor.A.patch(`/api/photo-packages/${packageA}`, { sortOrder: 7 })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    // Their own studio row too.
    const studioLock = await lock(two.editor.A, 'studios', two.studio.A, id.A)
    expect(await listed(two.editor.A, [studioLock])).toEqual([studioLock])
    expect((await two.editor.A.delete(`${LOCKS}/${studioLock}`)).status).toBe(200)
  })
})
