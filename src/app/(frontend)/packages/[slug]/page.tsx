import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { GenerationForm } from '@/components/GenerationForm'
import { categoryLabel } from '@/catalog/vocabulary'
import { cachedPackage, currentUser } from '@/next/payloadServer'

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
      </header>
      <GenerationForm
        pkg={pkg}
        signedIn={Boolean(user)}
        isCustomer={user?.role === 'customer'}
        balance={user?.shootCredits ?? 0}
      />
    </>
  )
}
