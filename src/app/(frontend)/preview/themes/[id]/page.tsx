import { notFound } from 'next/navigation'

import { isStaffUser } from '@/access/roles'
import { ThemeLivePreview } from '@/components/ThemeLivePreview'
import { currentUser, payloadInstance, requestOrigin } from '@/next/payloadServer'
import { relationId } from '@/lib/relationId'
import type { PackageTheme, PhotoPackage } from '@/payload-types'

export const metadata = { title: 'Theme preview', robots: { index: false } }

type Props = { params: Promise<{ id: string }> }

/** Staff only: it shows the studio's prompts. Anyone else gets the site's 404. */
export default async function ThemePreviewPage({ params }: Props) {
  const { id } = await params
  const user = await currentUser()
  if (!user || !isStaffUser(user) || !/^\d+$/.test(id)) notFound()
  const payload = await payloadInstance()
  const theme = (await payload
    .findByID({ collection: 'package-themes', id: Number(id), depth: 0, user, overrideAccess: false })
    .catch(() => null)) as PackageTheme | null
  if (!theme) notFound()
  const pkg = (await payload.findByID({
    collection: 'photo-packages',
    id: relationId(theme.package),
    depth: 0,
    user,
    overrideAccess: false,
  })) as PhotoPackage
  return <ThemeLivePreview initialData={theme} pkg={pkg} serverURL={await requestOrigin()} />
}
