import type { Payload, UpdateJobs } from 'payload'

import { and, eq, inArray } from '@payloadcms/db-postgres/drizzle'

import { sqlAdapter } from '@/lib/drizzle'

type ClaimingAdapter = Payload['db'] & { __photoPackagesExclusiveClaims?: boolean }

/**
 * Makes a job claim exclusive across processes. Payload 3.90's runner claims jobs with a find
 * and then an update of each job found, so two workers polling one queue can both claim a job
 * and both run it. For a generation the lease claim stops the second run, but that runner then
 * logs to a job the first has already deleted: a foreign-key error that Payload leaves as an
 * aborted transaction holding a pool connection, until the worker's pool is dry and it hangs
 * (seen with two workers in `npm run bench`). An e-mail job would be sent twice.
 *
 * The fix Payload made later for SQL databases (payloadcms/payload#17441), here as a wrapper of
 * the adapter's `updateJobs`: a claim (`data` is `{ processing: true, updatedAt }`, no `id`) finds
 * its candidates, then one conditional `UPDATE … WHERE processing = false RETURNING id` takes
 * those still free; only the jobs this update changed are returned to the runner.
 */
export const makeJobClaimsExclusive = (payload: Payload): void => {
  const db = payload.db as ClaimingAdapter
  if (db.__photoPackagesExclusiveClaims) return
  const updateJobs: UpdateJobs = db.updateJobs.bind(db)
  db.updateJobs = async (args) => {
    const claiming =
      args.id === undefined &&
      args.where !== undefined &&
      args.data.processing === true &&
      Object.keys(args.data).every((key) => key === 'processing' || key === 'updatedAt')
    if (!claiming) return updateJobs(args)
    const candidates = await db.find({
      collection: 'payload-jobs',
      where: args.where,
      limit: args.limit,
      sort: args.sort,
      pagination: false,
      req: args.req,
    })
    const ids = candidates.docs.map((job) => job.id)
    if (ids.length === 0) return []
    const adapter = sqlAdapter(payload)
    const table = adapter.tables.payload_jobs
    const taken: Array<{ id: number | string }> = await adapter.drizzle
      .update(table)
      .set({ processing: true })
      .where(and(inArray(table.id, ids), eq(table.processing, false)))
      .returning({ id: table.id })
    if (taken.length === 0) return []
    return updateJobs({
      ...args,
      where: { id: { in: taken.map((row) => row.id) } },
      limit: taken.length,
    })
  }
  db.__photoPackagesExclusiveClaims = true
}
