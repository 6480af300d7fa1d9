import type { Payload, PayloadRequest } from 'payload'

import { and, eq, lt, or, sql } from '@payloadcms/db-postgres/drizzle'

import { sqlAdapter, transactionDb } from '@/lib/drizzle'
import { settings } from '@/lib/settings'

import { holderIsGone, leaseHolder } from './leaseHolder'

/** How long a worker owns a running generation without a heartbeat. */
export const leaseMs = (): number => {
  return settings().generationLeaseMs
}

export const leaseUntil = (from = Date.now()): string => new Date(from + leaseMs()).toISOString()

/**
 * Claims a generation for this worker with one conditional UPDATE: only a queued one, or a
 * running one whose lease has run out (its worker died). Two workers can never both win. The
 * claim records the claiming worker's provider (name, and whether it is an offline preview).
 * With `req`, inside its transaction (the caller records the progress event in it too).
 */
export const claimGeneration = async (
  payload: Payload,
  id: number,
  provider: { name: string; isPreview: boolean },
  req?: PayloadRequest,
): Promise<{ attempt: number } | null> => {
  const adapter = sqlAdapter(payload)
  const table = adapter.tables.generations
  const now = new Date().toISOString()
  const rows = await (req ? await transactionDb(req) : adapter.drizzle)
    .update(table)
    .set({
      status: 'running',
      leaseExpiresAt: leaseUntil(),
      attempt: sql`coalesce(${table.attempt}, 0) + 1`,
      startedAt: sql`coalesce(${table.startedAt}, ${now})`,
      provider: provider.name,
      isPreview: provider.isPreview,
      leaseHolder: leaseHolder(),
    })
    .where(
      and(
        eq(table.id, id),
        or(eq(table.status, 'queued'), and(eq(table.status, 'running'), lt(table.leaseExpiresAt, now))),
      ),
    )
    .returning({ attempt: table.attempt })
  return rows[0] ? { attempt: Number(rows[0].attempt) } : null
}

/**
 * Puts a generation whose worker died back in the queue, if nobody else got there first. With
 * `req`, inside its transaction.
 */
export const releaseExpiredLease = async (
  payload: Payload,
  id: number,
  req?: PayloadRequest,
): Promise<boolean> => {
  const adapter = sqlAdapter(payload)
  const table = adapter.tables.generations
  const rows = await (req ? await transactionDb(req) : adapter.drizzle)
    .update(table)
    .set({ status: 'queued', leaseExpiresAt: null })
    .where(
      and(eq(table.id, id), eq(table.status, 'running'), lt(table.leaseExpiresAt, new Date().toISOString())),
    )
    .returning({ id: table.id })
  return rows.length > 0
}

/**
 * Ends now the leases held by processes of this host that no longer run (a worker or an app
 * process killed and restarted by its supervisor), so the sweep that follows requeues their runs
 * at once instead of after GENERATION_LEASE_MS. A conditional UPDATE per run: only while that
 * holder still has it. Returns the ids whose lease it ended.
 */
export const endLeasesOfGoneHolders = async (payload: Payload): Promise<number[]> => {
  const adapter = sqlAdapter(payload)
  const table = adapter.tables.generations
  const held: { id: number; holder: string | null }[] = await adapter.drizzle
    .select({ id: table.id, holder: table.leaseHolder })
    .from(table)
    .where(eq(table.status, 'running'))
  const ended: number[] = []
  const past = new Date(Date.now() - 1).toISOString()
  for (const { id, holder } of held) {
    if (!holder || !holderIsGone(holder)) continue
    const rows = await adapter.drizzle
      .update(table)
      .set({ leaseExpiresAt: past })
      .where(and(eq(table.id, id), eq(table.status, 'running'), eq(table.leaseHolder, holder)))
      .returning({ id: table.id })
    if (rows.length) ended.push(id)
  }
  return ended
}

/**
 * Pushes the lease forward while this worker still owns the run it claimed (same `attempt`,
 * still running). False means another worker has taken the generation over: stop working on it.
 */
export const renewLease = async (payload: Payload, id: number, attempt: number): Promise<boolean> => {
  const adapter = sqlAdapter(payload)
  const table = adapter.tables.generations
  const rows = await adapter.drizzle
    .update(table)
    .set({ leaseExpiresAt: leaseUntil() })
    .where(and(eq(table.id, id), eq(table.status, 'running'), eq(table.attempt, attempt)))
    .returning({ id: table.id })
  return rows.length > 0
}

/** How often a running job renews its lease: three times per lease, so one slow write is no loss. */
export const heartbeatMs = (): number => Math.max(250, Math.floor(leaseMs() / 3))
