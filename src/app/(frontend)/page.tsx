import config from '@payload-config'
import { unstable_cache } from 'next/cache'
import { getPayload } from 'payload'

import { loadPublicCatalog } from '@/catalog/publicCatalog'
import { CATALOG_TAG } from '@/hooks/revalidateCatalog'

const formatCents = (cents: number) => `$${(cents / 100).toFixed(2)}`

const activeCatalog = unstable_cache(
  async () => loadPublicCatalog(await getPayload({ config })),
  ['home-catalog'],
  { tags: [CATALOG_TAG] },
)

export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const packages = await activeCatalog()
  return (
    <>
      <h1>Choose your portrait package</h1>
      {packages.length === 0 ? (
        <p>No packages are available right now. Please check back soon.</p>
      ) : (
        <ul className="package-list">
          {packages.map((pkg) => (
            <li key={pkg.id}>
              <h2>{pkg.name}</h2>
              <p>{pkg.description}</p>
              <p>
                {pkg.themeCount} themes · {pkg.imagesPerGeneration} images per shoot
                {pkg.fromPricePerShootCents !== null && <> · From {formatCents(pkg.fromPricePerShootCents)} per shoot</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
