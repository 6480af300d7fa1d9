import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type AccessTargets, accessTargets } from '../../support/fixtures/accessTargets'
import { CALLER_KINDS, type CallerKind, type Callers, signInCallers } from '../../support/clients/callers'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/**
 * What a read of the target document gives: `all` (listed, and 200 by id), `hidden` (the list
 * leaves it out, 404 by id: the caller cannot tell it exists), `denied` (the list 403, and by id
 * 403, or 401 where a custom endpoint asks a visitor to sign in), 404 (no such route).
 */
type Read = 'all' | 'hidden' | 'denied' | 404
/** One row: the outcome for [anonymous, customer, otherCustomer, editor, admin]. */
type Row<T> = [T, T, T, T, T]

interface CollectionRules {
  read: Row<Read>
  /** POST /api/<slug> with a valid body: the status. */
  create: Row<number>
  /** PATCH /api/<slug>/<target> with {}: the status (404 where the caller may update only their own, as a read). */
  update: Row<number>
  /** DELETE /api/<slug>/<a fresh target>: the status. */
  delete: Row<number>
}

const D = 'denied'
const H = 'hidden'
const A = 'all'
const NONE = [403, 403, 403, 403, 403] satisfies Row<number>
const ADMIN_ONLY = [403, 403, 403, 403, 200] satisfies Row<number>
const STAFF_ONLY = [403, 403, 403, 200, 200] satisfies Row<number>
// A studio's editor naming a row of the studio's books it cannot read is answered as a read (404, issue 24).
const ADMIN_ONLY_EDITOR_404 = [403, 403, 403, 404, 200] satisfies Row<number>
const NONE_EDITOR_404 = [403, 403, 403, 404, 403] satisfies Row<number>

/**
 * The access table: every collection (Payload's own included) × read/create/update/delete ×
 * the five callers. The target is the first customer's where the collection has an owner, an
 * inactive one where visitors see active rows only. A collection missing here fails the test.
 */
const RULES: Record<string, CollectionRules> = {
  // An admin deleting an account erases it (photos, portraits, e-mail, name); purchases and the ledger stay, detached.
  users: {
    read: [D, A, H, H, A],
    create: [201, 201, 201, 201, 201],
    update: [403, 200, 404, 404, 200],
    delete: [403, 403, 403, 403, 200],
  },
  // Platform admins make and change studios; the editor reads only their own studio (not this one); nobody deletes one.
  studios: {
    read: [D, D, D, H, A],
    create: [403, 403, 403, 403, 201],
    update: ADMIN_ONLY,
    delete: NONE,
  },
  media: { read: [A, A, A, A, A], create: [403, 403, 403, 201, 201], update: STAFF_ONLY, delete: STAFF_ONLY },
  'photo-packages': {
    read: [H, H, H, A, A],
    create: [403, 403, 403, 201, 201],
    update: STAFF_ONLY,
    delete: ADMIN_ONLY,
  },
  'package-themes': {
    read: [H, H, H, A, A],
    create: [403, 403, 403, 201, 201],
    update: STAFF_ONLY,
    delete: STAFF_ONLY,
  },
  'package-pricing-tiers': {
    read: [H, H, H, A, A],
    create: [403, 403, 403, 403, 201],
    update: ADMIN_ONLY,
    delete: ADMIN_ONLY,
  },
  'package-bundles': {
    read: [H, H, H, A, A],
    create: [403, 403, 403, 403, 201],
    update: ADMIN_ONLY,
    delete: ADMIN_ONLY,
  },
  'photo-uploads': {
    read: [D, A, H, H, A],
    // The upload endpoint checks the sign-in before it reads the file: 401, not Payload's 403.
    create: [401, 201, 201, 201, 201],
    update: ADMIN_ONLY_EDITOR_404,
    delete: [403, 200, 404, 404, 200],
  },
  // The owner deletes a finished shoot (its portraits go too); admins any.
  generations: {
    read: [D, A, H, H, A],
    create: NONE,
    update: ADMIN_ONLY_EDITOR_404,
    delete: [403, 200, 404, 404, 200],
  },
  'generation-results': {
    read: [D, A, H, H, A],
    create: NONE,
    update: NONE_EDITOR_404,
    delete: ADMIN_ONLY_EDITOR_404,
  },
  // Progress events: read only by the streams (with overrideAccess), after the owner check.
  'generation-events': { read: [D, D, D, D, D], create: NONE, update: NONE, delete: NONE },
  'credit-ledger': { read: [D, A, H, H, A], create: NONE, update: NONE_EDITOR_404, delete: NONE_EDITOR_404 },
  'credit-adjustments': {
    read: [D, D, D, D, A],
    create: [403, 403, 403, 403, 201],
    update: NONE,
    delete: NONE,
  },
  purchases: {
    read: [D, A, H, H, A],
    create: NONE,
    update: ADMIN_ONLY_EDITOR_404,
    delete: NONE_EDITOR_404,
  },
  'stripe-events': { read: [D, D, D, D, A], create: NONE, update: NONE, delete: NONE },
  // The image model catalogue: staff read it (the package model menu), admins edit it.
  'image-models': {
    read: [D, D, D, A, A],
    create: [403, 403, 403, 403, 201],
    update: ADMIN_ONLY,
    delete: ADMIN_ONLY,
  },
  'package-analytics': { read: [D, D, D, D, A], create: NONE, update: NONE, delete: ADMIN_ONLY },
  'analytics-rollups': { read: [D, D, D, D, A], create: NONE, update: NONE, delete: NONE },
  'analytics-user-days': { read: [D, D, D, D, A], create: NONE, update: NONE, delete: NONE },
  'analytics-likeness-days': { read: [D, D, D, D, A], create: NONE, update: NONE, delete: NONE },
  'analytics-model-days': { read: [D, D, D, D, A], create: NONE, update: NONE, delete: NONE },
  'analytics-rollup-runs': { read: [D, D, D, D, A], create: NONE, update: NONE, delete: ADMIN_ONLY },
  'test-renders': { read: [D, D, D, A, A], create: NONE, update: NONE, delete: STAFF_ONLY },
  'payload-kv': { read: [D, D, D, D, D], create: NONE, update: NONE, delete: NONE },
  'payload-jobs': {
    read: [D, D, D, D, A],
    create: [403, 403, 403, 403, 201],
    update: ADMIN_ONLY,
    delete: ADMIN_ONLY,
  },
  // The target is an admin's lock; a create is a lock in the caller's own name.
  'payload-locked-documents': {
    read: [D, D, D, A, A],
    create: [403, 403, 403, 201, 201],
    update: STAFF_ONLY,
    delete: [403, 403, 403, 403, 200],
  },
  // Each user's own rows only, admins included; DELETE by key is refused for everyone (405).
  'payload-preferences': {
    read: [D, A, H, H, H],
    create: [403, 201, 201, 201, 201],
    update: [403, 200, 403, 403, 403],
    delete: [405, 405, 405, 405, 405],
  },
  'payload-migrations': {
    read: [404, 404, 404, 404, 404],
    create: [404, 404, 404, 404, 404],
    update: [404, 404, 404, 404, 404],
    delete: [404, 404, 404, 404, 404],
  },
}

describe('the access matrix: every collection × operation × caller', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let callers: Callers
  let targets: AccessTargets
  const shared = new Map<string, number | string>()

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    callers = await signInCallers(payload, server.url, 'matrix')
    targets = await accessTargets(payload, callers)
  })

  afterAll(async () => {
    await targets?.retire()
    await server?.close()
  })

  /** The one target read and updated by every caller (users: the first customer's own account). */
  const target = async (slug: string) => {
    if (slug === 'users') return callers.customer.id
    if (!shared.has(slug)) shared.set(slug, await targets.make(slug))
    return shared.get(slug)!
  }

  const readOutcome = async (kind: CallerKind, slug: string, id: number | string): Promise<Read> => {
    const client = callers[kind]
    let one = await client.get(`/api/${slug}/${id}?depth=0`)
    if (slug === 'payload-preferences') {
      // Read by key, always among the caller's own: "not found" is a 200 with value null.
      const { key } = await payload.findByID({ collection: 'payload-preferences', id, depth: 0 })
      one = await client.get(`/api/payload-preferences/${key}`)
      if (one.status === 200 && one.body.value === null) one = { ...one, status: 404 }
    }
    const list = await client.get(`/api/${slug}?depth=0&where[id][equals]=${id}`)
    const listed =
      list.status === 200 && list.body.docs.some((doc: { id: unknown }) => String(doc.id) === String(id))
    if (one.status === 200 && listed) return 'all'
    if (one.status === 404 && list.status === 200 && !listed) return 'hidden'
    // A custom read endpoint (generations) tells a visitor to sign in: 401.
    if ([401, 403, 404].includes(one.status) && list.status === 403) return 'denied'
    if (one.status === 404 && list.status === 404) return 404
    throw new Error(
      `${kind} ${slug}: by id ${one.status}, list ${list.status} (${listed ? 'listed' : 'not listed'})`,
    )
  }

  it('has a row for every collection the config serves', async () => {
    expect(payload.config.collections.map((collection) => collection.slug).sort()).toEqual(
      Object.keys(RULES).sort(),
    )
  })

  for (const [slug, rules] of Object.entries(RULES)) {
    describe(slug, () => {
      CALLER_KINDS.forEach((kind, index) => {
        it(`read by ${kind}: ${rules.read[index]}`, async () => {
          expect(await readOutcome(kind, slug, await target(slug))).toBe(rules.read[index])
        })
        it(`create by ${kind}: ${rules.create[index]}`, async () => {
          const client = callers[kind]
          const response = await client.post(
            `/api/${slug}`,
            targets.createBody(slug, { id: (callers[kind] as { id?: number }).id }),
          )
          expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(rules.create[index])
        })
        it(`update by ${kind}: ${rules.update[index]}`, async () => {
          const response = await callers[kind].patch(`/api/${slug}/${await target(slug)}`, {})
          expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(rules.update[index])
        })
        it(`delete by ${kind}: ${rules.delete[index]}`, async () => {
          const response = await callers[kind].delete(`/api/${slug}/${await targets.make(slug)}`)
          expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(rules.delete[index])
        })
      })
    })
  }
})
