import { type ChildProcess, spawn } from 'node:child_process'

/** How much of a failed child's output goes into the error message. */
const OUTPUT_TAIL = 6000

export interface ChildOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Past this the child (and its own children) get SIGKILL and the run fails with their output. */
  timeoutMs: number
  /** Names the child in errors; defaults to the command line. */
  label?: string
  /** Echo the child's output to ours as it comes (default true); it is kept either way. */
  echo?: boolean
}

export interface ChildResult {
  stdout: string
  /** stdout and stderr interleaved, as they came. */
  output: string
}

const live = new Set<ChildProcess>()
const killGroup = (child: ChildProcess): void => {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}
// A test or bench that dies (or is interrupted) takes its children with it: none is left holding a database.
process.once('exit', () => live.forEach(killGroup))

/**
 * Starts a child in its own process group, keeping (and by default echoing) its output. It is killed with
 * its whole group after `timeoutMs` whatever it is doing, so no test or bench waits on it forever.
 * `failure(reason)` builds an error carrying the child's output, for callers that give up on it early.
 */
export const startChild = (command: string, args: string[], options: ChildOptions) => {
  const label = options.label ?? `${command} ${args.join(' ')}`
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  live.add(child)
  let stdout = ''
  let output = ''
  const keep = (stream: NodeJS.WriteStream, isStdout: boolean) => (chunk: Buffer) => {
    const text = String(chunk)
    if (isStdout) stdout += text
    output = (output + text).slice(-1_000_000)
    if (options.echo ?? true) stream.write(text)
  }
  child.stdout?.on('data', keep(process.stdout, true))
  child.stderr?.on('data', keep(process.stderr, false))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    killGroup(child)
  }, options.timeoutMs)
  timer.unref()
  const failure = (reason: string) =>
    new Error(
      `${label}: ${reason}. Its output (last ${OUTPUT_TAIL} characters):\n${output.slice(-OUTPUT_TAIL)}`,
    )
  const exited = new Promise<ChildResult>((resolve, reject) => {
    child.once('error', (error) => reject(failure(`could not start (${error.message})`)))
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      live.delete(child)
      if (timedOut)
        reject(failure(`killed after ${Math.round(options.timeoutMs / 1000)} s without finishing`))
      else if (code !== 0) reject(failure(`exited ${code ?? signal}`))
      else resolve({ stdout, output })
    })
  })
  // Callers that stop a child on purpose (a server at teardown) need not handle its rejection.
  exited.catch(() => undefined)
  return {
    child,
    exited,
    output: () => output,
    failure,
    /** SIGTERM to the whole group (SIGKILL after 5 s), resolving when it is gone. */
    stop: async (): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
      const gone = new Promise((resolve) => child.once('close', resolve))
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        child.kill('SIGTERM')
      }
      const force = setTimeout(() => killGroup(child), 5000)
      await gone
      clearTimeout(force)
    },
    kill: () => killGroup(child),
    /**
     * Resolves once `text` is in the child's output; fails with its output if it exits first or
     * `timeoutMs` passes (a wait for a server's "ready" line, not a timing assertion).
     */
    waitForOutput: async (text: string, timeoutMs: number): Promise<void> => {
      const startedAt = Date.now()
      while (!output.includes(text)) {
        if (child.exitCode !== null) throw failure(`exited before printing "${text}"`)
        if (Date.now() - startedAt > timeoutMs)
          throw failure(`did not print "${text}" within ${Math.round(timeoutMs / 1000)} s`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    },
  }
}

export type StartedChild = ReturnType<typeof startChild>

/** Runs a child to its end: resolves with its output on exit 0, fails with it on any other exit or the timeout. */
export const runChild = (command: string, args: string[], options: ChildOptions): Promise<ChildResult> =>
  startChild(command, args, options).exited

/** `node --import tsx <script>`: how tests and benches run a TypeScript entry in its own process. */
export const tsxArgs = (script: string, ...args: string[]): string[] => ['--import', 'tsx', script, ...args]
