import { inArray, sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'

import { sqlAdapter } from '@/lib/drizzle'
import { metrics } from '@/lib/metrics'

/** Each scrape waits at most this long for the database gauges; stale values beat a hung scrape. */
const GAUGE_TIMEOUT_MS = 1000

/**
 * Sets the generation queue and held-credit gauges from the database. They describe the whole
 * deployment, so every process reports the same values: aggregate them with max(), not sum().
 */
export const readDatabaseGauges = async (payload: Payload): Promise<void> => {
  const { queueDepth, queueOldestAge, creditsHeld } = metrics()
  const table = sqlAdapter(payload).tables.generations
  const read = async () => {
    const [queued, oldest, held] = await Promise.all([
      payload.count({
        collection: 'generations',
        where: { status: { equals: 'queued' } },
        overrideAccess: true,
      }),
      payload.find({
        collection: 'generations',
        where: { status: { equals: 'queued' } },
        sort: 'createdAt',
        limit: 1,
        depth: 0,
        pagination: false,
        overrideAccess: true,
        select: { createdAt: true },
      }),
      sqlAdapter(payload)
        .drizzle.select({ shoots: sql<string>`coalesce(sum(${table.shootCost}), 0)` })
        .from(table)
        .where(inArray(table.status, ['queued', 'running'])),
    ])
    queueDepth.set(queued.totalDocs)
    const since = oldest.docs[0]?.createdAt
    queueOldestAge.set(since ? Math.max(0, (Date.now() - Date.parse(since)) / 1000) : 0)
    creditsHeld.set(Number(held[0]?.shoots ?? 0))
  }
  await Promise.race([
    read(),
    new Promise<void>((resolve) => setTimeout(resolve, GAUGE_TIMEOUT_MS).unref()),
  ]).catch((error: unknown) =>
    payload.logger.warn({ err: error, msg: 'metrics: the database gauges failed' }),
  )
}

/** This process's series in Prometheus' text format (with the database gauges read just now). */
export const metricsText = async (payload: Payload | null): Promise<Response> => {
  if (payload) await readDatabaseGauges(payload)
  const { registry } = metrics()
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  })
}

/** The same series as prom-client's JSON, for server/front.mjs to merge with its own. */
export const metricsJson = async (payload: Payload | null): Promise<Response> => {
  if (payload) await readDatabaseGauges(payload)
  return Response.json(await metrics().registry.getMetricsAsJSON(), {
    headers: { 'cache-control': 'no-store' },
  })
}
