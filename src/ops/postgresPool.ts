import type { Payload } from 'payload'

import type { Pool, PoolClient } from 'pg'

const GUARDED = Symbol('photo-packages: error listener')

/**
 * Gives every client of Payload's Postgres pool an 'error' listener. node-postgres emits 'error'
 * on a client checked out of the pool (a transaction between two statements, Payload's own held
 * connection) when the server goes away; with no listener Node ends the process. A worker or an
 * app node then died on a Postgres restart instead of answering /readyz 503 and reconnecting.
 * The pool drops the broken client itself. Logged once per outage (the first error), not per client.
 */
export const guardPostgresPool = (payload: Payload): void => {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  if (!pool || (pool as unknown as Record<symbol, boolean>)[GUARDED]) return
  ;(pool as unknown as Record<symbol, boolean>)[GUARDED] = true
  let lastLogged = 0
  const listen = (client: PoolClient) => {
    client.on('error', (error: Error) => {
      if (Date.now() - lastLogged < 60_000) return
      lastLogged = Date.now()
      payload.logger.error({ msg: `postgres: a connection failed (${error.message}); the pool reconnects` })
    })
  }
  pool.on('connect', listen)
  // The pool's own idle-client errors come here (with no listener Node would end the process).
  pool.on('error', () => undefined)
  for (const client of (pool as unknown as { _clients?: PoolClient[] })._clients ?? []) listen(client)
}
