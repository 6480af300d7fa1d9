import { notFound, redirect } from 'next/navigation'

import { GenerationLive } from '@/components/GenerationLive'
import { generationStatusView } from '@/generation/generationStatus'
import { currentUser, payloadInstance } from '@/next/payloadServer'
import type { Generation } from '@/payload-types'

export const metadata = { title: 'Your portraits' }

type Props = { params: Promise<{ id: string }> }

/** Owner only: anyone else sees the same 404 as for an id that does not exist. */
export default async function GenerationPage({ params }: Props) {
  const { id } = await params
  const user = await currentUser()
  if (!user) redirect(`/login?next=/generations/${encodeURIComponent(id)}`)
  if (!/^\d+$/.test(id)) notFound()
  const payload = await payloadInstance()
  const generation = (await payload
    .findByID({ collection: 'generations', id: Number(id), depth: 1, user, overrideAccess: false })
    .catch(() => null)) as Generation | null
  if (!generation) notFound()
  const view = await generationStatusView(payload, generation)
  return (
    <>
      <h1>{view.title}</h1>
      <GenerationLive initial={view} />
    </>
  )
}
