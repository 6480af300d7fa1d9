import config from '@payload-config'
import { handleEndpoints, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { refuseDatabaseInputErrors } from '@/plugin/refuseDatabaseInputErrors'
import { ensureDefaultStudio } from '@/studios/defaultStudio'

import { type Callers, signInCallers } from '../../support/clients/callers'
import { refusedPaths } from '../../support/clients/client'
import { databaseFingerprint } from '../../support/fixtures/hostile'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** An id no document has (ids are serial; the test database never gets near it). */
const MISSING = 2_000_000_000

/**
 * A fresh tester's finding: an admin write naming a related document that does not exist reached
 * the foreign keys (a 500, DrizzleQueryError), and on SQLite the failed `tenants` update had already
 * deleted the user's rows. refuseDanglingRelations refuses it before anything is written, naming the
 * field path; a foreign key's refusal that still reaches the database is a 400 too.
 */
describe('writes naming documents that do not exist', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let callers: Callers
  let packageId: number
  let studioId: number

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    callers = await signInCallers(payload, server.url, 'dangling')
    const [pkg] = (
      await payload.find({ collection: 'photo-packages', depth: 0, limit: 1, overrideAccess: true })
    ).docs
    packageId = pkg.id
    studioId = await ensureDefaultStudio(payload)
  })

  afterAll(async () => {
    await server?.close()
  })

  const rowOf = async (collection: 'photo-packages' | 'studios' | 'users', id: number) =>
    JSON.stringify(await payload.findByID({ collection, id, depth: 0, overrideAccess: true }))

  it('answers 400 naming the field path, at any depth, and changes nothing', async () => {
    const editorId = callers.editor.id
    const cases: [string, string, unknown, string, (() => Promise<string>) | null][] = [
      ['POST', '/api/photo-packages', { name: 'Bad', category: 'wedding', studio: MISSING }, 'studio', null],
      [
        'PATCH',
        `/api/photo-packages/${packageId}`,
        { studio: MISSING },
        'studio',
        () => rowOf('photo-packages', packageId),
      ],
      // An upload field inside a group.
      [
        'PATCH',
        `/api/studios/${studioId}`,
        { branding: { logo: MISSING } },
        'branding.logo',
        () => rowOf('studios', studioId),
      ],
      // A relationship inside an array (the multi-tenant plugin's tenants): the rows stay.
      [
        'PATCH',
        `/api/users/${editorId}`,
        { tenants: [{ tenant: MISSING }] },
        'tenants.0.tenant',
        () => rowOf('users', editorId),
      ],
      [
        'PATCH',
        `/api/users/${editorId}`,
        { tenants: [{ tenant: studioId }, { tenant: MISSING }] },
        'tenants.1.tenant',
        () => rowOf('users', editorId),
      ],
      // A relationship in an array of a create, and a populated document's id.
      [
        'POST',
        '/api/package-bundles',
        { name: 'Dangling', slug: 'dangling', items: [{ package: packageId }, { package: { id: MISSING } }] },
        'items.1.package',
        null,
      ],
      // Polymorphic ({ relationTo, value }): Payload's locked documents.
      [
        'POST',
        '/api/payload-locked-documents',
        {
          document: { relationTo: 'photo-packages', value: MISSING },
          user: { relationTo: 'users', value: callers.admin.id },
        },
        'document',
        null,
      ],
      // A relation to a collection with text ids (Gemini's model ids), two groups deep.
      [
        'PATCH',
        `/api/photo-packages/${packageId}`,
        { settings: { standardQuality: { model: 'no-such-model-xyz' } } },
        'settings.standardQuality.model',
        () => rowOf('photo-packages', packageId),
      ],
    ]
    for (const [method, path, body, field, row] of cases) {
      const before = await databaseFingerprint(payload)
      const rowBefore = await row?.()
      const response = await callers.admin.request(method, path, body)
      expect(
        { status: response.status, paths: refusedPaths(response) },
        `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`,
      ).toEqual({ status: 400, paths: [field] })
      expect(response.body.errors[0].data.errors[0].message).toContain('does not exist')
      expect(await databaseFingerprint(payload), `${method} ${path}`).toBe(before)
      if (row) expect(await row()).toBe(rowBefore)
    }
  })

  it('still takes a write whose relations all exist', async () => {
    const response = await callers.admin.patch(`/api/users/${callers.editor.id}`, {
      tenants: [{ tenant: studioId }],
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
  })

  it("refuses in Payload's own REST without the guard in front, and a foreign key's refusal is a 400", async () => {
    const before = await databaseFingerprint(payload)
    const response = await handleEndpoints({
      config,
      request: new Request(`${server.url}/api/photo-packages/${packageId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `JWT ${callers.admin.token}` },
        body: JSON.stringify({ studio: MISSING }),
      }),
    })
    const body = await response.json()
    expect({ status: response.status, paths: refusedPaths({ body }) }).toEqual({
      status: 400,
      paths: ['studio'],
    })
    expect(await databaseFingerprint(payload)).toBe(before)
    // The net behind it (afterError): the foreign key's own refusal, from a write no hook checked.
    const error = await payload.db
      .updateOne({
        collection: 'users',
        id: callers.editor.id,
        data: { tenants: [{ id: 'f'.repeat(24), tenant: MISSING }] },
      })
      .catch((caught: unknown) => caught)
    const answer = await refuseDatabaseInputErrors({
      error: error as Error,
      req: {} as never,
      collection: undefined,
      context: {},
      graphqlResult: undefined,
      result: undefined,
    } as never)
    expect(answer).toMatchObject({
      status: 400,
      response: { errors: [{ message: expect.stringContaining('does not exist') }] },
    })
  })

  it('gives an editor without a studio the default one (the tenants row gets its id)', async () => {
    const email = `dangling-tenantless-${Date.now()}@example.com`
    const editor = await payload.create({
      collection: 'users',
      data: { email, password: 'tenantless-pass-1', role: 'editor' },
      overrideAccess: true,
    })
    await payload.db.updateOne({
      collection: 'users',
      id: editor.id,
      data: { tenants: [] },
      returning: false,
    })
    expect((await payload.findByID({ collection: 'users', id: editor.id, depth: 0 })).tenants ?? []).toEqual(
      [],
    )
    expect(await ensureDefaultStudio(payload)).toBe(studioId)
    const after = await payload.findByID({ collection: 'users', id: editor.id, depth: 0 })
    expect(after.tenants?.map((row) => row.tenant)).toEqual([studioId])
    expect(after.tenants?.[0]?.id).toMatch(/^[0-9a-f]{24}$/)
    await payload.delete({ collection: 'users', id: editor.id, overrideAccess: true })
  })
})
