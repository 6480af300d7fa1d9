import type { Payload } from 'payload'

import { anniversary } from './catalog/anniversary'
import { professionalHeadshots } from './catalog/professionalHeadshots'
import { type DemoAccount, demoAccounts, ensureAccount } from './demoAccounts'
import { upsertCatalogPackage } from './upsertPackage'

/** The demo's second studio (issue 24): its own host, look, legal text, catalog and editor. */
export const SECOND_STUDIO = {
  name: 'Harbor Light Portraits',
  slug: 'harbor-light',
  branding: {
    primaryColor: '#1f5f7a',
    accentColor: '#e0a43a',
    font: 'georgia' as const,
    emailFromName: 'Harbor Light Portraits',
    termsText:
      'These terms are between you and Harbor Light Portraits (a demo studio).\n\nA shoot makes one set of portraits from one photo. Unused shoots are refunded within 14 days of purchase.',
    currency: 'usd' as const,
  },
}

/**
 * Makes the demo's second studio, served on `hostname` (the README's demo: `localhost` is the
 * first studio, `127.0.0.1` this one), with two packages of its own (the same slugs as the first
 * studio's: slugs are unique per studio) and, with demo passwords, its own editor
 * `editor@harbor-light.local`, who sees only this studio in the admin. Idempotent: an existing
 * studio is left as staff last saved it; its packages are upserted as the first studio's are.
 */
export const seedSecondStudio = async (
  payload: Payload,
  hostname: string,
  options: { demoPasswords: boolean; log: (line: string) => void },
): Promise<number> => {
  const { docs } = await payload.find({
    collection: 'studios',
    where: { slug: { equals: SECOND_STUDIO.slug } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const studio =
    (docs[0]?.id as number | undefined) ??
    ((
      await payload.create({
        collection: 'studios',
        data: { ...SECOND_STUDIO, status: 'active', domains: [{ hostname }], platformFeePercent: 10 },
        overrideAccess: true,
      })
    ).id as number)
  for (const pkg of [professionalHeadshots, anniversary]) {
    const summary = await upsertCatalogPackage(payload, pkg, studio)
    options.log(
      `seed: ${SECOND_STUDIO.slug}/${summary.slug}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`,
    )
  }
  const editor = demoAccounts(options.demoPasswords).accounts.find((account) => account.role === 'editor')
  if (editor) {
    const account: DemoAccount = {
      ...editor,
      email: `editor@${SECOND_STUDIO.slug}.local`,
      name: `${SECOND_STUDIO.name} editor`,
      studio,
    }
    if (await ensureAccount(payload, account))
      options.log(`seed: demo editor of ${SECOND_STUDIO.name}: ${account.email} / ${account.password}`)
  }
  options.log(`seed: ${SECOND_STUDIO.name} is served on http://${hostname}:<port>`)
  return studio
}
