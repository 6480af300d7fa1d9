import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { isPostgres, sqlAdapter } from '@/lib/drizzle'
import { settings } from '@/lib/settings'

import { TERMINAL_STATUSES } from './vocabulary'

const DAY_MS = 24 * 60 * 60 * 1000
/** Events deleted per statement: a first run over a long backlog holds no lock for long. */
const BATCH = 5000

/**
 * Deletes the progress events (generation-events) that no stream can need any more: those of
 * shoots that finished (a terminal status with its finishedAt) more than
 * PROGRESS_EVENT_RETENTION_DAYS before `now`, except each shoot's last event. That one stays:
 * a reconnect with its id (Last-Event-ID) still gets 204, an older id gets it as the catch-up,
 * a fresh page opens from it, and a later event (a rating) still gets the next seq. A shoot that
 * is queued or running keeps every event. Runs in batches of 5,000 events, each statement on its
 * own (a batch's delete is idempotent: a crash midway leaves a smaller backlog). Returns the
 * number of events deleted. Source: the daily pruneProgressEvents job (src/generation/tasks.ts).
 */
export const pruneProgressEvents = async (payload: Payload, now = new Date()): Promise<number> => {
  const cutoff = new Date(now.getTime() - settings().progressEventRetentionDays * DAY_MS).toISOString()
  const adapter = sqlAdapter(payload)
  const { generation_events: events, generations } = adapter.tables
  const finishedAt = isPostgres(payload) ? sql`cast(${cutoff} as timestamptz)` : sql`${cutoff}`
  const statuses = sql.join(
    TERMINAL_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  )
  // Aliased (e, later): the correlated subquery reads the same table.
  const statement = sql`delete from ${events} where ${events.id} in (
    select e.id from ${events} e join ${generations} g on g.id = e.generation_id
    where g.status in (${statuses}) and g.finished_at < ${finishedAt}
      and exists (select 1 from ${events} later where later.generation_id = e.generation_id and later.seq > e.seq)
    limit ${BATCH})`
  let deleted = 0
  for (;;) {
    const result = isPostgres(payload)
      ? await adapter.drizzle.execute(statement)
      : await adapter.drizzle.run(statement)
    const count = Number(result?.rowCount ?? result?.rowsAffected ?? result?.changes ?? 0)
    deleted += count
    if (count < BATCH) return deleted
  }
}
