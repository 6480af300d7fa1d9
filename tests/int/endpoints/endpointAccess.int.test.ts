import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type AccessTargets, accessTargets } from '../../support/fixtures/accessTargets'
import { CALLER_KINDS, type Callers, signInCallers } from '../../support/clients/callers'
import type { ApiClient } from '../../support/clients/client'
import { startStripeForApp } from '../../support/app/fakesForApp'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** The outcome for [anonymous, customer, otherCustomer, editor, admin]. */
type Row = [number, number, number, number, number]

const PUBLIC: Row = [200, 200, 200, 200, 200]
const ADMIN: Row = [401, 403, 403, 403, 200]
const STAFF = (ok: number): Row => [401, 403, 403, ok, ok]
/** Generations: the owner and admins; anyone else the same 404 as for no such id. */
const OWNER = (ok: number): Row => [401, ok, 404, 404, ok]

interface Door {
  /** "METHOD /api/path", with {placeholders} filled from the fixtures. */
  route: string
  expect: Row
  body?: (fixtures: Fixtures) => unknown
  /** Fixtures made fresh for each caller (the call changes or spends them). */
  fresh?: boolean
}

interface Fixtures {
  packageId: number
  themeId: number
  generationId: number | string
  testRenderId: number | string
  uploadId: number | string
  tierId: number
  photo: Buffer
}

const testRenderForm = (photo: Buffer) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'sample.jpg')
  form.append('_payload', JSON.stringify({ portraitType: 'single' }))
  return form
}

/** Every custom endpoint of src/plugin, and the Payload routes beyond CRUD that a caller could try. */
const DOORS: Door[] = [
  { route: 'GET /api/packages', expect: PUBLIC },
  { route: 'GET /api/packages/wedding-portraits', expect: PUBLIC },
  { route: 'GET /api/packages/wedding-portraits/themes', expect: PUBLIC },
  { route: 'GET /api/packages/wedding-portraits/pricing', expect: PUBLIC },
  { route: 'GET /api/bundles', expect: PUBLIC },
  // The first customer's own photo: the stranger is told it is not theirs; staff use the prompt lab.
  {
    route: 'POST /api/generate',
    expect: [401, 202, 404, 403, 403],
    body: (f) => ({
      packageSlug: 'wedding-portraits',
      themeId: f.themeId,
      uploadIds: [f.uploadId],
      portraitType: 'single',
    }),
    fresh: true,
  },
  { route: 'POST /api/checkout', expect: [401, 200, 200, 403, 403], body: (f) => ({ tierId: f.tierId }) },
  // Public, but only a Stripe signature gets in.
  {
    route: 'POST /api/stripe/webhook',
    expect: [400, 400, 400, 400, 400],
    body: () => ({ id: 'evt_forged', type: 'checkout.session.completed' }),
  },
  // Stripe Connect: like the account webhook, only a signature (of the Connect endpoint's secret) gets in.
  {
    route: 'POST /api/stripe/connect/webhook',
    expect: [400, 400, 400, 400, 400],
    body: () => ({ id: 'evt_forged', account: 'acct_forged', type: 'account.updated' }),
  },
  // Admins and the studio's owners; no such studio is a 404 for them (no account is made here).
  { route: 'POST /api/studios/999999/stripe/connect', expect: [401, 403, 403, 403, 404] },
  { route: 'POST /api/studios/999999/stripe/refresh', expect: [401, 403, 403, 403, 404] },
  // A purchase nobody may refund is the same 404 as no such purchase.
  { route: 'POST /api/purchases/999999/refund', expect: [401, 404, 404, 404, 404], body: () => ({}) },
  { route: 'POST /api/admin/billing/reconcile', expect: ADMIN },
  { route: 'GET /api/admin/analytics', expect: ADMIN },
  { route: 'GET /api/admin/packages/{packageId}/analytics', expect: ADMIN },
  { route: 'POST /api/admin/analytics/refresh', expect: ADMIN },
  { route: 'PATCH /api/admin/packages/{packageId}/toggle-active', expect: ADMIN, fresh: true },
  { route: 'PATCH /api/admin/packages/{packageId}/toggle-featured', expect: ADMIN, fresh: true },
  { route: 'POST /api/admin/packages/{packageId}/duplicate', expect: [401, 403, 403, 403, 201], fresh: true },
  {
    route: 'POST /api/admin/themes/{themeId}/test-render',
    expect: STAFF(201),
    body: (f) => testRenderForm(f.photo),
    fresh: true,
  },
  { route: 'GET /api/admin/themes/{themeId}/test-renders', expect: STAFF(200) },
  { route: 'POST /api/admin/test-renders/{testRenderId}/use-as-preview', expect: STAFF(200), fresh: true },
  { route: 'POST /api/admin/themes/refresh-seasons', expect: ADMIN },
  { route: 'GET /api/generations/{generationId}', expect: OWNER(200) },
  { route: 'GET /api/generations/{generationId}/events', expect: OWNER(200) },
  // Only the customer rates; an admin may look but not rate for them.
  {
    route: 'POST /api/generations/{generationId}/rating',
    expect: [401, 200, 404, 404, 403],
    body: () => ({ rating: 5 }),
    fresh: true,
  },
  // Past the door, the fixture has no portraits yet: 409 says so (strangers still get 404).
  { route: 'GET /api/generations/{generationId}/download', expect: OWNER(409) },
  { route: 'GET /api/generations/{generationId}/download?format=jpeg', expect: OWNER(409) },
  // The fixture has no portraits: the owner hears there is no portrait 1 (404), like a stranger.
  { route: 'GET /api/generations/{generationId}/portraits/1?format=jpeg', expect: [401, 404, 404, 404, 404] },
  // Payload's own doors beyond CRUD.
  { route: 'GET /api/globals/payload-jobs-stats', expect: [403, 403, 403, 403, 200] },
  {
    route: 'POST /api/globals/payload-jobs-stats',
    expect: [403, 403, 403, 403, 403],
    body: () => ({ stats: { scheduledRuns: {} } }),
  },
  {
    route: 'POST /api/users/unlock',
    expect: [403, 403, 403, 403, 200],
    body: () => ({ email: 'editor@photo-packages.local' }),
  },
  // Payload answers a signed-in caller without the jobs permission 401 too.
  { route: 'GET /api/payload-jobs/run?queue=matrix-never-run', expect: [401, 401, 401, 401, 200] },
  { route: 'GET /api/payload-jobs/handle-schedules', expect: [401, 401, 401, 401, 200] },
  { route: 'GET /api/access', expect: PUBLIC },
  // Each caller's own data only. Last: the customer's delete-images takes the shared fixtures with it.
  { route: 'GET /api/account/export', expect: [401, 200, 200, 200, 200] },
  {
    route: 'POST /api/account/settings',
    expect: [401, 200, 200, 200, 200],
    body: () => ({ name: 'Door tester' }),
  },
  {
    route: 'POST /api/account/erase',
    expect: [401, 400, 400, 400, 400],
    body: () => ({ confirm: 'not the address' }),
  },
  { route: 'POST /api/account/delete-images', expect: [401, 200, 200, 200, 200] },
]

describe('every custom endpoint × caller', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let stopStripe: (() => Promise<void>) | undefined
  let callers: Callers
  let targets: AccessTargets
  let shared: Fixtures

  beforeAll(async () => {
    ;({ stop: stopStripe } = await startStripeForApp('whsec_doors', 'sk_test_doors'))
    payload = await testPayload()
    server = await startRestServer()
    callers = await signInCallers(payload, server.url, 'doors')
    targets = await accessTargets(payload, callers)
    shared = await fixtures()
  })

  afterAll(async () => {
    await targets?.retire()
    await server?.close()
    await stopStripe?.()
  })

  const fixtures = async (): Promise<Fixtures> => {
    const themeId = Number(await targets.make('package-themes'))
    // No ranBy: fixtures must not use up the editor's daily prompt-lab quota.
    const render = await portraitJpeg(600, 800)
    const testRender = await payload.create({
      collection: 'test-renders',
      data: { theme: themeId, portraitType: 'single', status: 'succeeded' },
      file: { data: render, mimetype: 'image/jpeg', name: 'render.jpg', size: render.length },
    })
    const wedding = (
      await payload.find({
        collection: 'photo-packages',
        where: { slug: { equals: 'wedding-portraits' } },
        limit: 1,
        depth: 0,
      })
    ).docs[0]
    const ofWedding = { package: { equals: wedding.id }, isActive: { equals: true } }
    const tier = await payload.find({
      collection: 'package-pricing-tiers',
      where: ofWedding,
      limit: 1,
      depth: 0,
    })
    const seededTheme = await payload.find({
      collection: 'package-themes',
      where: { ...ofWedding, isPremium: { equals: false } },
      limit: 1,
      depth: 0,
    })
    return {
      packageId: Number(await targets.make('photo-packages')),
      // POST /api/generate needs a live theme; the prompt lab any theme of the studio.
      themeId: seededTheme.docs[0].id,
      generationId: await targets.make('generations'),
      testRenderId: testRender.id,
      uploadId: await targets.make('photo-uploads'),
      tierId: tier.docs[0].id,
      photo: await portraitJpeg(600, 800),
    }
  }

  /** Sends the request; an event stream is judged by its status and then closed. */
  const call = async (
    client: ApiClient,
    method: string,
    path: string,
    body: unknown,
  ): Promise<{ status: number; text: string }> => {
    if (path.endsWith('/events')) {
      const abort = new AbortController()
      const response = await fetch(`${server.url}${path}`, {
        headers: client.token ? { authorization: `JWT ${client.token}` } : {},
        signal: abort.signal,
      })
      abort.abort()
      return { status: response.status, text: '' }
    }
    const response = await client.request(method, path, body)
    return { status: response.status, text: JSON.stringify(response.body).slice(0, 300) }
  }

  for (const door of DOORS) {
    describe(door.route, () => {
      CALLER_KINDS.forEach((kind, index) => {
        it(`by ${kind}: ${door.expect[index]}`, async () => {
          const f = door.fresh ? await fixtures() : shared
          const [method, template] = door.route.split(' ')
          const path = template.replace(/\{(\w+)\}/g, (_, name: keyof Fixtures) => String(f[name]))
          const { status, text } = await call(callers[kind], method, path, door.body?.(f))
          expect(status, text).toBe(door.expect[index])
        })
      })
    })
  }
})
