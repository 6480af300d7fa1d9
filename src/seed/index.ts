import type { Payload } from 'payload'

import { ensureDefaultStudio } from '@/studios/defaultStudio'

import { seedBundles } from './bundles'
import { catalogSeed } from './catalog'
import { demoAccounts, ensureAccount } from './demoAccounts'
import { seedSecondStudio } from './secondStudio'
import { upsertCatalogPackage, type UpsertSummary } from './upsertPackage'

export interface SeedOptions {
  /** Allow the fixed demo passwords (dev and tests); production passes false. */
  demoPasswords: boolean
  log?: (line: string) => void
  /** Also seed the demo's second studio on this hostname (seedSecondStudio); none when unset. */
  secondStudioHost?: string
}

/** The legacy wedding migration plus the other launch packages, bundles and demo accounts. Idempotent. */
export const seedDemo = async (payload: Payload, options: SeedOptions): Promise<UpsertSummary[]> => {
  const log = options.log ?? ((line: string) => payload.logger.info(line))
  const summaries: UpsertSummary[] = []
  // The studio every seeded row and the demo editor belong to (made by the migration on Postgres).
  const studio = await ensureDefaultStudio(payload)
  for (const pkg of catalogSeed) {
    const summary = await upsertCatalogPackage(payload, pkg, studio)
    summaries.push(summary)
    log(
      `seed: ${summary.slug}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`,
    )
  }
  await seedBundles(payload, studio, log)
  const { accounts, skipped } = demoAccounts(options.demoPasswords)
  for (const account of accounts) {
    const created = await ensureAccount(payload, account)
    if (created && options.demoPasswords)
      log(`seed: demo ${account.role}: ${account.email} / ${account.password}`)
    else if (created) log(`seed: created ${account.role} ${account.email}`)
  }
  for (const role of skipped)
    log(`seed: no ${role} account: set SEED_${role.toUpperCase()}_PASSWORD to create one`)
  if (options.secondStudioHost)
    await seedSecondStudio(payload, options.secondStudioHost, { demoPasswords: options.demoPasswords, log })
  return summaries
}
