import { notFound } from 'next/navigation'

import { isStaffUser } from '@/access/roles'
import { PackageLivePreview } from '@/components/PackageLivePreview'
import { currentUser, payloadInstance, requestOrigin } from '@/next/payloadServer'
import type { PhotoPackage } from '@/payload-types'

export const metadata = { title: 'Package preview', robots: { index: false } }

type Props = { params: Promise<{ id: string }> }

export default async function PackagePreviewPage({ params }: Props) {
  const { id } = await params
  const user = await currentUser()
  if (!user || !isStaffUser(user) || !/^\d+$/.test(id)) notFound()
  const payload = await payloadInstance()
  const pkg = (await payload
    .findByID({ collection: 'photo-packages', id: Number(id), depth: 0, user, overrideAccess: false })
    .catch(() => null)) as PhotoPackage | null
  if (!pkg) notFound()
  const themes = await payload.find({
    collection: 'package-themes',
    where: { package: { equals: pkg.id } },
    sort: 'sortOrder',
    pagination: false,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return (
    <PackageLivePreview
      initialData={pkg}
      themeNames={themes.docs.map((theme) => theme.name)}
      serverURL={await requestOrigin()}
    />
  )
}
