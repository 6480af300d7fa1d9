import { randomUUID } from 'node:crypto'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { ApiClient } from '../support/clients/client'
import { startChild, type StartedChild } from '../support/processes/child'
import { uploadPhoto } from '../support/fixtures/generation'
import { portraitJpeg } from '../support/fixtures/images'
import { type LocalS3, startLocalS3 } from '../support/servers/s3Server'
import { signUpByApi } from '../support/clients/signUp'
import { freePort } from '../support/servers/freePort'

const root = path.resolve(import.meta.dirname, '../..')
const databaseUri = inject('e2eDatabaseUri')

interface NextNode {
  url: string
  child: StartedChild
}

/** A production node (`server/front.mjs` on the suite's build): ROLE=web, Redis and the S3 bucket. */
const startNextNode = async (extra: Record<string, string>): Promise<NextNode> => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = startChild(process.execPath, ['server/front.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      ...extra,
      NODE_ENV: 'production',
      DATABASE_URI: databaseUri,
      PAYLOAD_SECRET: 'e2e-secret',
      SERVER_URL: url,
      ALLOW_INSECURE_COOKIES: '1',
      ROLE: 'web',
      JOBS_AUTORUN: '0',
      PACKAGE_CACHE_TTL: '300000',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    timeoutMs: 30 * 60_000,
    label: `server/front.mjs :${port}`,
    echo: false,
  })
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.child.exitCode !== null) throw child.failure('exited while starting')
    const ok = await fetch(`${url}/api/packages`)
      .then((response) => response.status === 200)
      .catch(() => false)
    if (ok) return { url, child }
    if (Date.now() > deadline) throw child.failure('did not answer within 120 s')
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

/**
 * Two production nodes from the suite's build (the pages, not only the API), sharing one
 * database, Redis and an S3 bucket (a local s3rver). Both hold the package page in their caches
 * (the catalog cache and Next's data cache) for the full 5 minute TTL: only the invalidation that
 * crosses nodes can make node 2's page show an edit made through node 1.
 */
describe('two production nodes: the public page and uploads', () => {
  let s3: LocalS3
  let node1: NextNode
  let node2: NextNode
  let admin: ApiClient
  let packageId: number
  let slug: string
  let originalName: string

  beforeAll(async () => {
    s3 = await startLocalS3()
    const shared = { ...s3.env, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `pp-e2e-${randomUUID()}:` }
    // One at a time: two cold Next servers side by side on a 2-core machine only slow each other.
    node1 = await startNextNode(shared)
    node2 = await startNextNode(shared)
    admin = await new ApiClient(node1.url).login('admin@photo-packages.local', 'admin-demo-pass')
    const listed = (await admin.get('/api/photo-packages?where[slug][equals]=engagement&depth=0')).body
    packageId = listed.docs[0].id
    slug = listed.docs[0].slug
    originalName = listed.docs[0].name
  }, 300_000)

  afterAll(async () => {
    if (packageId)
      await admin?.patch(`/api/photo-packages/${packageId}`, { name: originalName, isActive: true })
    await Promise.all([node1?.child.stop(), node2?.child.stop()])
    await s3?.stop()
  })

  /** Polls `url` until `done`; the request that first shows it must have started within 1 s of the edit. */
  const within1s = async (url: string, done: (status: number, html: string) => boolean, editedAt: number) => {
    for (;;) {
      const startedAt = Date.now()
      const response = await fetch(url)
      const html = await response.text()
      if (done(response.status, html)) return startedAt - editedAt
      if (startedAt - editedAt > 1000) throw new Error(`${url} still answers ${response.status}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it("shows a rename made through node 1 on node 2's package page within 1 s, and a switch-off as 404", async () => {
    const page = `${node2.url}/packages/${slug}`
    // Both nodes render (and cache) the page with the old name first.
    for (const node of [node1, node2]) {
      const before = await fetch(`${node.url}/packages/${slug}`)
      expect(before.status).toBe(200)
      expect(await before.text()).toContain(`>${originalName}</h1>`)
    }
    const newName = `Engagement Stories ${Date.now()}`
    const renamed = await admin.patch(`/api/photo-packages/${packageId}`, { name: newName })
    expect(renamed.status).toBe(200)
    await within1s(page, (status, html) => status === 200 && html.includes(`>${newName}</h1>`), Date.now())
    // The home page lists it under the new name too.
    await within1s(`${node2.url}/`, (_, html) => html.includes(newName), Date.now())

    const toggled = await admin.patch(`/api/admin/packages/${packageId}/toggle-active`)
    expect(toggled.body.package.isActive).toBe(false)
    await within1s(page, (status) => status === 404, Date.now())
    const back = await admin.patch(`/api/admin/packages/${packageId}/toggle-active`)
    expect(back.body.package.isActive).toBe(true)
    await within1s(page, (status) => status === 200, Date.now())
  })

  it("replaces node 2's front copy of the catalog API within 1 s of a rename through node 1", async () => {
    const api = `${node2.url}/api/packages/${slug}`
    const read = async () => {
      const response = await fetch(api)
      return {
        status: response.status,
        cacheStatus: response.headers.get('cache-status'),
        body: await response.text(),
      }
    }
    // The first read fills node 2's front (server/front.mjs) from its Next.js child; the second is the front's copy.
    await read()
    const copy = await read()
    expect(copy).toMatchObject({ status: 200, cacheStatus: 'photo-packages-front; hit' })
    const newName = `Engagement Notes ${Date.now()}`
    expect((await admin.patch(`/api/photo-packages/${packageId}`, { name: newName })).status).toBe(200)
    await within1s(api, (status, body) => status === 200 && body.includes(`"name":"${newName}"`), Date.now())
    // The new body is copied again: the purge did not switch the front's cache off.
    await read()
    expect(await read()).toMatchObject({ status: 200, cacheStatus: 'photo-packages-front; hit' })
    expect((await admin.patch(`/api/admin/packages/${packageId}/toggle-active`)).body.package.isActive).toBe(
      false,
    )
    await within1s(api, (status) => status === 404, Date.now())
    expect((await admin.patch(`/api/admin/packages/${packageId}/toggle-active`)).body.package.isActive).toBe(
      true,
    )
  })

  it('stores a photo uploaded through node 1 in the bucket and serves it from node 2 to its owner only', async () => {
    const customer = new ApiClient(node1.url)
    const email = `nodes-e2e-${Date.now()}@example.com`
    await signUpByApi(customer, { mailboxUrl: inject('fakeMailboxUrl'), email, password: 'nodes-pass-1' })
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status).toBe(201)
    // Under the customer's studio's folder (issue 24).
    expect(upload.body.doc.prefix).toMatch(/^uploads\/studios\/\d+$/)
    const key = `${upload.body.doc.prefix}/${upload.body.doc.filename}`
    expect(await s3.keys('uploads/')).toContain(key)
    // The URL names node 1 (its SERVER_URL); ask node 2 for the same path.
    const { pathname, search } = new URL(upload.body.doc.url, node1.url)
    const onNode2 = `${node2.url}${pathname}${search}`
    const own = await fetch(onNode2, {
      headers: { authorization: `JWT ${customer.token}` },
    })
    expect(own.status).toBe(200)
    expect((await own.arrayBuffer()).byteLength).toBeGreaterThan(1000)
    expect([401, 403, 404]).toContain((await fetch(onNode2)).status)
    expect((await fetch(`${s3.endpoint}/${s3.bucket}/${key}`)).status).toBe(403)
  })
})
