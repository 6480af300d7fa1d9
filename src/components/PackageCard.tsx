import Image from 'next/image'
import Link from 'next/link'

import type { PublicPackage } from '@/catalog/publicCatalog'
import { categoryLabel } from '@/catalog/vocabulary'
import { formatMoney, plural } from '@/lib/format'

/** A package in the grid: cover, name, counts, lowest price per shoot and the first themes. */
export function PackageCard({ pkg, priority = false }: { pkg: PublicPackage; priority?: boolean }) {
  const palette = pkg.themes[0]?.colorPalette ?? []
  const gradient = palette.length ? `linear-gradient(135deg, ${palette.slice(0, 3).join(', ')})` : undefined
  return (
    <article className="package-card" data-testid={`package-${pkg.slug}`}>
      <Link href={`/packages/${pkg.slug}`} className="package-card-link">
        <div className="package-cover" style={{ backgroundImage: gradient }}>
          {pkg.coverImage && (
            <Image
              src={pkg.coverImage.thumbnailUrl ?? pkg.coverImage.url}
              alt={pkg.coverImage.alt || pkg.name}
              fill
              sizes="(max-width: 640px) 100vw, (max-width: 1024px) 50vw, 33vw"
              priority={priority}
            />
          )}
          {pkg.isFeatured && <span className="badge badge-featured">Featured</span>}
          <span className="badge badge-category">{categoryLabel(pkg.category)}</span>
        </div>
        <div className="package-body">
          <h2>{pkg.name}</h2>
          <p className="muted">{pkg.description}</p>
          <p className="package-facts">
            <span>{plural(pkg.themeCount, 'theme')}</span>
            <span>{pkg.imagesPerGeneration} images per shoot</span>
          </p>
          {pkg.fromPricePerShootCents !== null && (
            <p className="price-from">
              From {formatMoney(pkg.fromPricePerShootCents, pkg.currency)} per shoot
            </p>
          )}
          <ul className="theme-preview-list" aria-label="Themes">
            {pkg.themes.slice(0, 3).map((theme) => (
              <li key={theme.id}>
                {theme.name}
                {theme.isPremium && <span className="badge badge-pro">PRO</span>}
              </li>
            ))}
            {pkg.themes.length > 3 && <li className="muted">+{pkg.themes.length - 3} more</li>}
          </ul>
        </div>
      </Link>
    </article>
  )
}
