import type { CollectionAfterChangeHook } from 'payload'

import { invalidateCatalog } from '@/catalog/invalidate'
import { afterCommit } from '@/lib/transactions'
import type { Studio } from '@/payload-types'

/** What decides which studio each Host is served by (src/studios/resolveStudio.ts matchStudio). */
const hostsOf = (studio: Partial<Studio> | undefined): string =>
  JSON.stringify([
    studio?.slug ?? null,
    studio?.status ?? null,
    (studio?.domains ?? []).map((domain) => domain.hostname),
  ])

/**
 * Once a studio's save commits: a new studio, or a change of its slug, status or domains, may
 * change which studio any Host is served by, so every node forgets its list of hosts and clears
 * every studio's catalog (a full purge). Any other change (name, branding, fee, Stripe) clears only
 * this studio's catalog and branding (src/studios/branding.ts reads are cached under its tag).
 */
export const revalidateStudio: CollectionAfterChangeHook<Studio> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const hostsChanged = operation === 'create' || hostsOf(doc) !== hostsOf(previousDoc)
  const { disableRevalidate } = req.context
  await afterCommit(req, () =>
    invalidateCatalog({ studio: hostsChanged ? undefined : doc.id, disableRevalidate }),
  )
  return doc
}
