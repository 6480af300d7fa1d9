import path from 'node:path'

import { runChild, tsxArgs } from '../processes/child'

/** A cold migrate + seed on a busy two-core machine takes about two minutes; this is the most we wait. */
const BOOTSTRAP_TIMEOUT_MS = 10 * 60_000

/** Runs bootstrapCli.ts with tsx against process.env (DATABASE_URI and friends); fails with its output. */
export const runBootstrap = async (): Promise<void> => {
  const root = path.resolve(import.meta.dirname, '../../..')
  await runChild(process.execPath, tsxArgs('tests/support/setup/bootstrapCli.ts'), {
    cwd: root,
    env: process.env,
    timeoutMs: BOOTSTRAP_TIMEOUT_MS,
    label: 'database bootstrap (tests/support/setup/bootstrapCli.ts)',
  })
}
