import pg from 'pg'

let queries = 0
let counting = false

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
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof original
  }
  return () => queries
}

/** The queries `work` sends to Postgres (with anything else this process sends meanwhile). */
export const queriesDuring = async <T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> => {
  const read = countQueries()
  const before = read()
  const result = await work()
  return { result, queries: read() - before }
}
