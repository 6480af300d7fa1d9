import type { Payload, UpdateJobs } from 'payload'

import { and, eq, inArray, isNull, lt, not, or } from '@payloadcms/db-postgres/drizzle'

import { sqlAdapter } from '@/lib/drizzle'

/** Looks per claim; each lost look means another runner took a job, so this is only a backstop. */
const MAX_LOOKS = 10

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
 * the adapter's `updateJobs`: a claim (`data` is `{ processing: true, updatedAt }`) finds its
 * candidates (or names one job: `runByID`), then one conditional `UPDATE … WHERE processing =
 * false RETURNING id` takes those still free; only the jobs this update changed are returned to
 * the runner, so a job already running elsewhere is not started again. A claim that took none
 * because others got there first looks again.
 */
export const makeJobClaimsExclusive = (payload: Payload): void => {
  const db = payload.db as ClaimingAdapter
  if (db.__photoPackagesExclusiveClaims) return
  const updateJobs: UpdateJobs = db.updateJobs.bind(db)
  /**
   * One conditional UPDATE: the ids among `ids` that were still free and are now this runner's.
   * Run in the claim's own transaction (Payload's updateJob begins one and passes its id in
   * `req`): on another pool connection the claim, which holds one, waits for a second, and with
   * a pool of one (or every connection held by such claims) it waits forever (seen: runByID hung).
   * "Still free" is Payload's own test of a runnable job (runJobs' where), not `processing` alone:
   * a job another runner has just finished is back to `processing: false` with its `completedAt`
   * set until that runner deletes its finished jobs at the end of its run, and taking it then would
   * run it a second time (seen: jobClaims.int, a job in two runners' results).
   */
  const take = async (ids: Array<number | string>, req: Parameters<UpdateJobs>[0]['req']) => {
    const adapter = sqlAdapter(payload)
    const table = adapter.tables.payload_jobs
    const id = req?.transactionID ? await req.transactionID : undefined
    const db = (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
    const taken: Array<{ id: number | string }> = await db
      .update(table)
      .set({ processing: true })
      .where(
        and(
          inArray(table.id, ids),
          eq(table.processing, false),
          isNull(table.completedAt),
          or(isNull(table.hasError), not(eq(table.hasError, true))),
          or(isNull(table.waitUntil), lt(table.waitUntil, new Date().toISOString())),
        ),
      )
      .returning({ id: table.id })
    return taken.map((row) => row.id)
  }
  db.updateJobs = async (args) => {
    const claiming =
      args.data.processing === true &&
      Object.keys(args.data).every((key) => key === 'processing' || key === 'updatedAt')
    if (!claiming) return updateJobs(args)
    // runByID (the endpoint starting a just-queued job) claims one job by its id.
    if (args.id !== undefined) return (await take([args.id], args.req)).length ? updateJobs(args) : []
    // Lost every candidate to other runners: those are now taken, so the next look finds others.
    // A runner comes back empty when nothing was free, not because it lost a race (with lanes
    // claiming one job each, losing one race would leave a free lane idle beside a queued job).
    for (let look = 0; look < MAX_LOOKS; look++) {
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
      const taken = await take(ids, args.req)
      if (taken.length) return updateJobs({ ...args, where: { id: { in: taken } }, limit: taken.length })
    }
    return []
  }
  db.__photoPackagesExclusiveClaims = true
}
