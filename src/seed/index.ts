import type { Payload } from 'payload'

import { seedBundles } from './bundles'
import { catalogSeed } from './catalog'
import { demoAccounts, ensureAccount } from './demoAccounts'
import { upsertCatalogPackage, type UpsertSummary } from './upsertPackage'

export interface SeedOptions {
  /** Allow the fixed demo passwords (dev and tests); production passes false. */
  demoPasswords: boolean
  log?: (line: string) => void
}

/** The legacy wedding migration plus the other launch packages, bundles and demo accounts. Idempotent. */
export const seedDemo = async (payload: Payload, options: SeedOptions): Promise<UpsertSummary[]> => {
  const log = options.log ?? ((line: string) => payload.logger.info(line))
  const summaries: UpsertSummary[] = []
  for (const pkg of catalogSeed) {
    const summary = await upsertCatalogPackage(payload, pkg)
    summaries.push(summary)
    log(
      `seed: ${summary.slug}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`,
    )
  }
  await seedBundles(payload, log)
  const { accounts, skipped } = demoAccounts(options.demoPasswords)
  for (const account of accounts) {
    const created = await ensureAccount(payload, account)
    if (created && options.demoPasswords)
      log(`seed: demo ${account.role}: ${account.email} / ${account.password}`)
    else if (created) log(`seed: created ${account.role} ${account.email}`)
  }
  for (const role of skipped)
    log(`seed: no ${role} account: set SEED_${role.toUpperCase()}_PASSWORD to create one`)
  return summaries
}
