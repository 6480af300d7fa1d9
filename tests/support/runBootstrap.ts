import { spawnSync } from 'node:child_process'
import path from 'node:path'

/** Runs bootstrapCli.ts with tsx against process.env (DATABASE_URI and friends). */
export const runBootstrap = (): void => {
  const root = path.resolve(import.meta.dirname, '../..')
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/bootstrapCli.ts'], {
    cwd: root,
    env: process.env,
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error(`database bootstrap failed (exit ${result.status})`)
}
