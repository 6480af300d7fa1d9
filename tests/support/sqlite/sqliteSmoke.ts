/**
 * The embedded path a newcomer gets: no DATABASE_URI, so SQLite. Boots Payload, seeds and
 * reads the public catalog, then prints what it found as JSON for the test to check.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { loadPublicCatalog } from '@/catalog/publicCatalog'
import { seedDemo } from '@/seed'

const payload = await getPayload({ config })
await seedDemo(payload, { demoPasswords: true, log: () => undefined })
const second = await seedDemo(payload, { demoPasswords: true, log: () => undefined })
const catalog = await loadPublicCatalog(payload, { at: new Date('2026-12-20T12:00:00Z') })
console.log(
  JSON.stringify({
    adapter: payload.db.name,
    packages: catalog.map((pkg) => ({
      slug: pkg.slug,
      themes: pkg.themes.length,
      tiers: pkg.pricing.length,
    })),
    secondRunWrites: second.reduce((sum, s) => sum + s.created + s.updated, 0),
  }),
)
process.exit(0)
