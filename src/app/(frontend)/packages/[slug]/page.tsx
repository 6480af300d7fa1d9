import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { GenerationForm } from '@/components/GenerationForm'
import { categoryLabel } from '@/catalog/vocabulary'
import { idFromText } from '@/lib/input'
import { plural } from '@/lib/format'
import { settings } from '@/lib/settings'
import { cachedPackage, currentUser } from '@/next/payloadServer'

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
      </header>
      <GenerationForm
        pkg={pkg}
        signedIn={Boolean(user)}
        isCustomer={user?.role === 'customer'}
        balance={user?.shootCredits ?? 0}
        initialThemeId={pkg.themes.some((theme) => theme.id === chosenTheme) ? chosenTheme : null}
        trialShoots={settings().freeTrialShoots}
        photoRetentionDays={settings().photoRetentionDays}
      />
    </>
  )
}
