import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { loadWallets } from '@/billing/wallets'
import { describeWallets, usableOn } from '@/billing/walletWords'
import { GenerationForm } from '@/components/GenerationForm'
import { categoryLabel } from '@/catalog/vocabulary'
import { cachedPackage, currentUser, payloadInstance } from '@/next/payloadServer'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const pkg = await cachedPackage((await params).slug)
  return { title: pkg?.name ?? 'Package not found', description: pkg?.description ?? undefined }
}

export default async function PackagePage({ params }: Props) {
  const { slug } = await params
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) notFound()
  const [pkg, user] = await Promise.all([cachedPackage(slug), currentUser()])
  if (!pkg) notFound()
  // Shoots usable here: this package's own, then shoots for any package.
  const wallets = user ? await loadWallets(await payloadInstance(), user.id) : []
  const usable = usableOn(wallets, pkg.id)
  return (
    <>
      <header className="package-header">
        <p className="eyebrow">{categoryLabel(pkg.category)}</p>
        <h1>{pkg.name}</h1>
        <p className="muted">{pkg.description}</p>
        <p className="package-facts">
          <span>{pkg.themeCount} themes</span>
          <span>{pkg.imagesPerGeneration} images per shoot</span>
          <span>Premium themes cost {pkg.premiumShootCost} shoots</span>
        </p>
        {user?.role === 'customer' && (
          <p className="balance-line" data-testid="package-balance">
            You have {usable.total === 0 ? `no shoots for ${pkg.name}` : describeWallets(wallets, pkg.id)}.{' '}
            <span className="muted small">Shoots bought for a package work on that package only.</span>
          </p>
        )}
      </header>
      <GenerationForm
        pkg={pkg}
        signedIn={Boolean(user)}
        isCustomer={user?.role === 'customer'}
        balance={usable.total}
      />
    </>
  )
}
