import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

import pg from 'pg'

let queries = 0
let counting = false

/** The queries sent on behalf of one request, and of all the work it awaits or starts. */
const requestScope = new AsyncLocalStorage<{ queries: number }>()
const requestScopes = new Map<string, { queries: number }>()

/** The header naming a request whose queries restServer counts apart (`queriesOfRequest`). */
export const QUERY_SCOPE_HEADER = 'x-test-query-scope'

/**
 * Counts every query this process sends to Postgres from now on (pg's Client.query, which
 * Payload's pool uses; a pool's checkout runs no query). Idempotent. Returns the running count:
 * compare two readings around the work to measure.
 */
export const countQueries = (): (() => number) => {
  if (!counting) {
    counting = true
    const original = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      queries++
      const scope = requestScope.getStore()
      if (scope) scope.queries++
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof original
  }
  return () => queries
}

/** Runs `handle` as the request `key` names (QUERY_SCOPE_HEADER), its queries counted apart; without a key, as is. */
export const inQueryScope = <T>(key: string | undefined, handle: () => T): T => {
  if (!key) return handle()
  const scope = { queries: 0 }
  requestScopes.set(key, scope)
  return requestScope.run(scope, handle)
}

/**
 * The queries one REST request sends to Postgres, and only those: `send` passes the headers it is
 * given to restServer, which runs the request in a scope of its own. Other work in this process
 * meanwhile (a shared test process runs other files' leftovers) is not counted.
 */
export const queriesOfRequest = async <T>(
  send: (headers: Record<string, string>) => Promise<T>,
): Promise<{ result: T; queries: number }> => {
  countQueries()
  const key = randomUUID()
  try {
    const result = await send({ [QUERY_SCOPE_HEADER]: key })
    const scope = requestScopes.get(key)
    if (!scope) throw new Error(`The request was not counted: does its server run inQueryScope?`)
    return { result, queries: scope.queries }
  } finally {
    requestScopes.delete(key)
  }
}
