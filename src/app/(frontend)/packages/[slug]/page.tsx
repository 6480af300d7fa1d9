import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { loadWallets } from '@/billing/wallets'
import { describeWallets, usableOn } from '@/billing/walletWords'
import { GenerationForm } from '@/components/GenerationForm'
import { categoryLabel } from '@/catalog/vocabulary'
import { idFromText } from '@/lib/input'
import { plural } from '@/lib/format'
import { settings } from '@/lib/settings'
import { cachedPackage, currentUser, payloadInstance } from '@/next/payloadServer'

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ theme?: string | string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const pkg = await cachedPackage((await params).slug)
  return { title: pkg?.name ?? 'Package not found', description: pkg?.description ?? undefined }
}

export default async function PackagePage({ params, searchParams }: Props) {
  const { slug } = await params
  // ?theme=<id>: the theme chosen before signing in or up comes back selected.
  const themeParam = (await searchParams).theme
  const chosenTheme = idFromText(Array.isArray(themeParam) ? themeParam[0] : themeParam)
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
          <span>{plural(pkg.themeCount, 'theme')}</span>
          <span>{plural(pkg.imagesPerGeneration, 'image')} per shoot</span>
          <span>Premium themes cost {plural(pkg.premiumShootCost, 'shoot')}</span>
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
        initialThemeId={pkg.themes.some((theme) => theme.id === chosenTheme) ? chosenTheme : null}
        trialShoots={settings().freeTrialShoots}
        photoRetentionDays={settings().photoRetentionDays}
      />
    </>
  )
}
