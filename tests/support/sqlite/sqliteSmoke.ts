/**
 * The embedded path a newcomer gets: no DATABASE_URI, so SQLite. Boots Payload, seeds and
 * reads the public catalog, then prints what it found as JSON for the test to check.
 */
import config from '@payload-config'
import { getPayload, handleEndpoints } from 'payload'

import { verifyAccountsFromBeforeVerification } from '@/account/verification'
import { loadPublicCatalog } from '@/catalog/publicCatalog'
import { seedDemo } from '@/seed'
import { ensureDefaultStudio } from '@/studios/defaultStudio'
import { STUDIO_OWNED_COLLECTIONS } from '@/studios/studioOwned'

const payload = await getPayload({ config })
await seedDemo(payload, { demoPasswords: true, log: () => undefined })
const second = await seedDemo(payload, { demoPasswords: true, log: () => undefined })
const catalog = await loadPublicCatalog(payload, { at: new Date('2026-12-20T12:00:00Z') })
// The seeded demo accounts can sign in; an account from before verification (its pushed
// `_verified` column empty) is verified by what the plugin runs at start on SQLite.
const verifiedOf = async (email: string) =>
  (
    await payload.db.findOne<{ id: number; _verified?: boolean | null }>({
      collection: 'users',
      where: { email: { equals: email } },
    })
  )?._verified ?? null
const seeded = await payload.find({ collection: 'users', depth: 0, pagination: false })
const demo = await Promise.all(seeded.docs.map((user) => verifiedOf(user.email)))
const old = await payload.create({
  collection: 'users',
  data: { email: `old-${Date.now()}@example.com`, password: 'old-account-pass-1', role: 'customer' },
})
await payload.db.updateOne({ collection: 'users', id: old.id, data: { _verified: null }, returning: false })
const before = await verifiedOf(old.email)
await verifyAccountsFromBeforeVerification(payload)
// Studios (issue 24): the pushed file has no migration, so the start makes the default studio and
// gives it every row and editor from before studios (here: a package whose studio was cleared).
const [firstPackage] = (await payload.find({ collection: 'photo-packages', depth: 0, limit: 1 })).docs
await payload.db.updateOne({
  collection: 'photo-packages',
  id: firstPackage.id,
  data: { studio: null },
  returning: false,
})
// An editor with no studio at start: ensureDefaultStudio writes its tenants row itself (SQLite
// refused a row without its id: NOT NULL users_tenants.id, and the start failed).
const tenantless = await payload.create({
  collection: 'users',
  data: { email: `tenantless-${Date.now()}@example.com`, password: 'tenantless-pass-1', role: 'editor' },
  overrideAccess: true,
})
await payload.db.updateOne({
  collection: 'users',
  id: tenantless.id,
  data: { tenants: [] },
  returning: false,
})
const tenantlessBefore = (
  await payload.findByID({ collection: 'users', id: tenantless.id, depth: 0, overrideAccess: true })
).tenants?.length
const studioId = await ensureDefaultStudio(payload)
const tenantlessAfter = (
  await payload.findByID({ collection: 'users', id: tenantless.id, depth: 0, overrideAccess: true })
).tenants?.map((row) => row.tenant)
const unowned: Record<string, number> = {}
for (const collection of STUDIO_OWNED_COLLECTIONS)
  unowned[collection] = (
    await payload.count({ collection, where: { studio: { not_equals: studioId } } })
  ).totalDocs
const editor = (
  await payload.find({ collection: 'users', where: { role: { equals: 'editor' } }, depth: 0, limit: 1 })
).docs[0]
// A REST write naming a studio that does not exist (the fresh tester's PATCH of tenants): a 400
// naming the path, and the editor keeps its tenants (SQLite had deleted them, then failed: a 500).
const { token } = await payload.login({
  collection: 'users',
  data: { email: 'admin@photo-packages.local', password: 'admin-demo-pass' },
})
const tenantsOf = async (id: number) =>
  JSON.stringify(
    (await payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true })).tenants,
  )
const editorTenantsBefore = await tenantsOf(editor.id)
const dangling = await handleEndpoints({
  config,
  request: new Request(`http://localhost/api/users/${editor.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
    body: JSON.stringify({ tenants: [{ tenant: 2_000_000_000 }] }),
  }),
})
const danglingBody = await dangling.json()
console.log(
  JSON.stringify({
    adapter: payload.db.name,
    packages: catalog.map((pkg) => ({
      slug: pkg.slug,
      themes: pkg.themes.length,
      tiers: pkg.pricing.length,
    })),
    secondRunWrites: second.reduce((sum, s) => sum + s.created + s.updated, 0),
    demoVerified: demo,
    oldAccount: [before, await verifiedOf(old.email)],
    studios: (await payload.count({ collection: 'studios' })).totalDocs,
    unowned,
    editorStudios: (editor?.tenants ?? []).map((row) => row.tenant),
    studioId,
    tenantless: [tenantlessBefore ?? 0, tenantlessAfter],
    dangling: {
      status: dangling.status,
      paths: (danglingBody.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path),
      tenantsKept: (await tenantsOf(editor.id)) === editorTenantsBefore,
    },
  }),
)
process.exit(0)
