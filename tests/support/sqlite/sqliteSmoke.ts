/**
 * The embedded path a newcomer gets: no DATABASE_URI, so SQLite. Boots Payload, seeds and
 * reads the public catalog, then prints what it found as JSON for the test to check.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { verifyAccountsFromBeforeVerification } from '@/account/verification'
import { loadPublicCatalog } from '@/catalog/publicCatalog'
import { seedDemo } from '@/seed'

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
  }),
)
process.exit(0)
