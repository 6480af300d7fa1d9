import Link from 'next/link'

import { BundleOffers } from '@/components/BundleOffers'
import { PackageCard } from '@/components/PackageCard'
import { categoryLabel } from '@/catalog/vocabulary'
import { cachedBundles, cachedCatalog } from '@/next/payloadServer'

type Props = { searchParams: Promise<{ category?: string; account?: string }> }

export default async function PackageSelectionPage({ searchParams }: Props) {
  const { category, account } = await searchParams
  const [all, bundles] = await Promise.all([cachedCatalog(), cachedBundles()])
  const categories = [...new Set(all.map((pkg) => pkg.category))]
  const shown = category ? all.filter((pkg) => pkg.category === category) : all
  // A category shows the bundles that hold one of its packages.
  const shownBundles = category
    ? bundles.filter((bundle) => bundle.items.some((item) => shown.some((pkg) => pkg.id === item.packageId)))
    : bundles
  return (
    <>
      {account === 'deleted' && (
        <p className="notice" role="status" data-testid="account-deleted">
          Your account is deleted: your photos, portraits, e-mail address and name are gone.
        </p>
      )}
      <section className="hero">
        <h1>Studio portraits, made from one photo</h1>
        <p className="muted">
          Pick a package and a theme, upload a photo, and our AI studio makes your portraits in minutes.
        </p>
      </section>
      <nav className="chips" aria-label="Filter by category">
        <Link
          className={`chip ${category ? '' : 'chip-active'}`}
          href="/"
          aria-current={category ? undefined : 'page'}
        >
          All
        </Link>
        {categories.map((value) => (
          <Link
            key={value}
            className={`chip ${category === value ? 'chip-active' : ''}`}
            href={`/?category=${value}`}
            aria-current={category === value ? 'page' : undefined}
          >
            {categoryLabel(value)}
          </Link>
        ))}
      </nav>
      {shown.length === 0 ? (
        <div className="empty-state">
          <h2>No packages here yet</h2>
          <p className="muted">New portrait packages are on their way. Try another category.</p>
        </div>
      ) : (
        <div className="package-grid">
          {shown.map((pkg, index) => (
            <PackageCard key={pkg.id} pkg={pkg} priority={index < 2} />
          ))}
        </div>
      )}
      {shownBundles.length > 0 && <BundleOffers bundles={shownBundles} />}
    </>
  )
}
