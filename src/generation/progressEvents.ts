import type { Payload, PayloadRequest } from 'payload'

import { and, asc, desc, eq, gt, inArray, sql } from '@payloadcms/db-postgres/drizzle'

import { sqlAdapter, transactionDb } from '@/lib/drizzle'
import { afterCommit } from '@/lib/transactions'
import type { Generation } from '@/payload-types'

import { type GenerationStatusView, generationStatusView } from './generationStatus'
import { type ProgressEvent, publishProgress } from './progressChannel'

export type { ProgressEvent }

const table = (source: Payload | PayloadRequest) => sqlAdapter(source).tables.generation_events

type Row = { generation: number | string; seq: number | string; view: unknown }

const toEvent = (row: Row): ProgressEvent => ({
  generationId: Number(row.generation),
  seq: Number(row.seq),
  view: (typeof row.view === 'string' ? JSON.parse(row.view) : row.view) as GenerationStatusView,
})

/**
 * What the progress page shows of a generation, with the fields a change to which makes an event.
 * Lease renewals, the request id and other worker bookkeeping change none of these.
 */
export const progressSignature = (generation: Partial<Generation> | undefined): string =>
  JSON.stringify([
    generation?.status,
    generation?.progress,
    generation?.errorMessage,
    generation?.finishedAt,
    generation?.rating,
    generation?.creditsRefunded,
    generation?.likenessRefundedShoots,
    generation?.isPreview,
    (generation?.images ?? []).map((image) => [
      image.state,
      typeof image.result === 'object' && image.result ? image.result.id : image.result,
      image.error,
      image.attempts,
      image.likenessScore,
      image.likenessFailed,
    ]),
  ])

/**
 * Appends the generation's current status view as its next event, inside `req`'s transaction (the
 * one that made the change: the row lock that write holds makes `seq` follow commit order), and
 * publishes it to every node once that transaction commits (nothing if it rolls back). Reads the
 * generation at depth 1 and its portraits: a few queries per change, made once, by the writer.
 */
export const recordProgressEvent = async (
  req: PayloadRequest,
  generationId: number,
): Promise<ProgressEvent> => {
  const generation = (await req.payload.findByID({
    collection: 'generations',
    id: generationId,
    depth: 1,
    req,
    overrideAccess: true,
  })) as Generation
  const view = await generationStatusView(req.payload, generation, req)
  const events = table(req)
  const now = new Date().toISOString()
  const [row] = await (
    await transactionDb(req)
  )
    .insert(events)
    .values({
      generation: generationId,
      seq: sql`(select coalesce(max(${events.seq}), 0) + 1 from ${events} where ${events.generation} = ${generationId})`,
      view,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ seq: events.seq })
  const event = { generationId, seq: Number(row.seq), view }
  await afterCommit(req, () => publishProgress(event))
  return event
}

/** The events of `generationId` after `afterSeq`, oldest first (a reconnecting page's replay). */
export const eventsAfter = async (
  payload: Payload,
  generationId: number,
  afterSeq: number,
): Promise<ProgressEvent[]> => {
  const events = table(payload)
  const rows: Row[] = await sqlAdapter(payload)
    .drizzle.select({ generation: events.generation, seq: events.seq, view: events.view })
    .from(events)
    .where(and(eq(events.generation, generationId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
  return rows.map(toEvent)
}

/** The latest event of `generationId`, or null when it has none (one made before events existed). */
export const latestEvent = async (payload: Payload, generationId: number): Promise<ProgressEvent | null> => {
  const events = table(payload)
  const [row]: Row[] = await sqlAdapter(payload)
    .drizzle.select({ generation: events.generation, seq: events.seq, view: events.view })
    .from(events)
    .where(eq(events.generation, generationId))
    .orderBy(desc(events.seq))
    .limit(1)
  return row ? toEvent(row) : null
}

/**
 * In ONE query, the events after each generation's `afterSeq` (the polling fallback and the
 * catch-up after a gap or a reconnection to Redis), ordered by generation and seq.
 */
export const eventsAfterEach = async (
  payload: Payload,
  afterSeq: Map<number, number>,
): Promise<ProgressEvent[]> => {
  if (afterSeq.size === 0) return []
  const events = table(payload)
  const lowest = Math.min(...afterSeq.values())
  const rows: Row[] = await sqlAdapter(payload)
    .drizzle.select({ generation: events.generation, seq: events.seq, view: events.view })
    .from(events)
    .where(and(inArray(events.generation, [...afterSeq.keys()]), gt(events.seq, lowest)))
    .orderBy(asc(events.generation), asc(events.seq))
  return rows.map(toEvent).filter((event) => event.seq > (afterSeq.get(event.generationId) ?? 0))
}

/** Deletes a generation's events in `req`'s transaction (before the generation itself goes). */
export const deleteProgressEvents = async (req: PayloadRequest, generationId: number): Promise<void> => {
  const events = table(req)
  await (await transactionDb(req)).delete(events).where(eq(events.generation, generationId))
}
