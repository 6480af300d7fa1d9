import path from 'node:path'

import { type StartedChild, startChild, tsxArgs } from './child'

const root = path.resolve(import.meta.dirname, '../../..')

export interface AppNode {
  url: string
  child: StartedChild
  stop: () => Promise<void>
}

/** This process's env without vitest's own variables, plus `extra`. */
export const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...(Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'),
  ) as NodeJS.ProcessEnv),
  ...extra,
})

/**
 * Starts `script` (a tsx entry) in its own process group and waits until its stdout prints
 * `<marker> <rest of line>`; resolves with that rest. A child that stalls or exits while loading
 * the config on a busy machine is killed and replaced, at most three times. Each child is killed
 * with its group after `lifetimeMs` whatever it is doing, so none outlives a test run.
 */
export const startMarkedChild = async (
  script: string,
  marker: string,
  extra: Record<string, string> = {},
  options: { bootMs?: number; lifetimeMs?: number; label?: string } = {},
): Promise<{ line: string; child: StartedChild }> => {
  const failures: string[] = []
  const pattern = new RegExp(`^${marker} (.+)$`, 'm')
  for (let attempt = 1; attempt <= 3; attempt++) {
    const child = startChild(process.execPath, tsxArgs(script), {
      cwd: root,
      env: childEnv(extra),
      timeoutMs: options.lifetimeMs ?? 600_000,
      label: `${options.label ?? script} (attempt ${attempt})`,
      echo: false,
    })
    const deadline = Date.now() + (options.bootMs ?? 90_000)
    while (Date.now() < deadline && child.child.exitCode === null && child.child.signalCode === null) {
      const match = pattern.exec(child.output())
      if (match) return { line: match[1].trim(), child }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    child.kill()
    failures.push(
      `attempt ${attempt}: exit ${child.child.exitCode ?? child.child.signalCode}; output: ${child.output().slice(-800)}`,
    )
  }
  throw new Error(`${options.label ?? script} never started.\n${failures.join('\n')}`)
}

/** Starts tests/support/processes/appNodeCli.ts (another app node: Payload's REST API) and waits for its URL. */
export const startAppNode = async (extra: Record<string, string> = {}): Promise<AppNode> => {
  const { line, child } = await startMarkedChild('tests/support/processes/appNodeCli.ts', 'APP_NODE', extra, {
    label: 'app node',
  })
  return { url: line, child, stop: child.stop }
}

/** Starts scripts/worker.ts (what `npm run worker` runs: ROLE=worker, no HTTP) and waits for its ready line. */
export const startWorker = async (
  extra: Record<string, string> = {},
): Promise<{ child: StartedChild; stop: () => Promise<void> }> => {
  const { child } = await startMarkedChild('scripts/worker.ts', 'Worker', extra, { label: 'worker' })
  return { child, stop: child.stop }
}
