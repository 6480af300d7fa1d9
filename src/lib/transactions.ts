import {
  commitTransaction,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'

/**
 * Runs `work` inside the request's database transaction, starting one when the request has
 * none. Everything written through `req` commits or rolls back together.
 */
export const inTransaction = async <T>(
  req: PayloadRequest,
  work: (req: PayloadRequest) => Promise<T>,
): Promise<T> => {
  const startedHere = await initTransaction(req)
  try {
    const result = await work(req)
    if (startedHere) await commitTransaction(req)
    return result
  } catch (error) {
    if (startedHere) await killTransaction(req)
    throw error
  }
}

type Work = () => Promise<void>
type CommitHookAdapter = Payload['db'] & {
  sessions?: Record<string, unknown>
  __photoPackagesAfterCommit?: Map<number | string, Work[]>
}

/**
 * Runs `work` once the transaction `req` writes in has committed, or now when it writes in none.
 * Payload runs afterChange and afterDelete hooks before it commits, so a cache cleared from a
 * hook can be refilled by another request from the rows as they were before the edit, and keep
 * them for its whole TTL. Work queued for a transaction that rolls back is dropped. Needs
 * runWorkAfterCommit (the plugin's onInit); without it the work runs at once, as a hook would.
 */
export const afterCommit = async (req: PayloadRequest, work: Work): Promise<void> => {
  const db = req.payload.db as CommitHookAdapter
  const id = await req.transactionID
  const queue = db.__photoPackagesAfterCommit
  if (id === undefined || id === null || !queue || !db.sessions?.[String(id)]) return work()
  queue.set(id, [...(queue.get(id) ?? []), work])
}

/**
 * Makes the database adapter run the work afterCommit queued once its commit returns (a failure
 * is logged: the data is saved whatever it does), and drop it on rollback. Idempotent.
 */
export const runWorkAfterCommit = (payload: Payload): void => {
  const db = payload.db as CommitHookAdapter
  if (db.__photoPackagesAfterCommit) return
  const queue = new Map<number | string, Work[]>()
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (incoming) => {
    const id = await incoming
    await commit(id)
    const work = queue.get(id) ?? []
    queue.delete(id)
    for (const step of work) {
      await step().catch((error: Error) =>
        payload.logger.error({ err: error, msg: 'after-commit work failed' }),
      )
    }
  }
  db.rollbackTransaction = async (incoming) => {
    const id = await incoming
    queue.delete(id)
    await rollback(id)
  }
  db.__photoPackagesAfterCommit = queue
}
