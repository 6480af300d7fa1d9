import AsyncLock from 'async-lock'
import type { PayloadRequest } from 'payload'

import { lockKey } from './drizzle'

/**
 * Waits for this request's turn to write document `id` of `slug`, held until its transaction ends:
 * a Postgres advisory lock, for every node. Taken again by the same transaction, it returns at
 * once. Call it inside the operation's transaction. On SQLite, which Payload runs without
 * transactions, it does nothing: there the turn is this process's (inProcessTurn; the request guard
 * gives REST writes by id theirs, src/endpoints/guard/writeTurns.ts).
 */
export const takeWriteTurn = (req: PayloadRequest, slug: string, id: number | string): Promise<void> =>
  lockKey(req, `write:${slug}:${id}`)

/** The key of document `id` of `slug` among this process's turns: `<slug>:<id>`. */
export const documentTurnKey = (slug: string, id: number | string): string => `${slug}:${id}`

/** One queue per key: `acquire(key, work)` runs work after the work queued before it on that key. */
const turns = new AsyncLock()

/**
 * Runs `work` in this process's turn for `key` (documentTurnKey): after the work queued before it
 * on that key has settled. The embedded SQLite database serves one process, so a turn here covers
 * every writer there; on Postgres, takeWriteTurn covers every node.
 */
export const inProcessTurn = <T>(key: string, work: () => Promise<T>): Promise<T> => turns.acquire(key, work)
