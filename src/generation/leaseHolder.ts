import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'

/**
 * Who holds a generation's lease: `<host>:<pid>:<start>`, where start is the process's start time
 * from /proc/<pid>/stat (clock ticks since boot; field 22, proc(5)), or `-` where there is no /proc.
 * With the start time a reused pid (a restarted container's pid 1) is told apart from the holder.
 */
export type LeaseHolder = string

const startTicks = (pid: number): string | null => {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the pid exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

let own: LeaseHolder | undefined

/** This process's holder id. */
export const leaseHolder = (): LeaseHolder =>
  (own ??= `${hostname()}:${process.pid}:${startTicks(process.pid) ?? '-'}`)

/**
 * True when `holder` names a process of this host that no longer runs (gone, or its pid now
 * belongs to a later process). A holder of another host, or one that still runs, is never gone:
 * only its lease lapsing frees its runs.
 */
export const holderIsGone = (holder: string | null | undefined): boolean => {
  const match = /^(.*):(\d+):(\d+|-)$/.exec(holder ?? '')
  if (!match || match[1] !== hostname()) return false
  const pid = Number(match[2])
  if (pid === process.pid) return match[3] !== (startTicks(pid) ?? '-')
  if (!alive(pid)) return true
  const ticks = startTicks(pid)
  return match[3] !== '-' && ticks !== null && ticks !== match[3]
}
