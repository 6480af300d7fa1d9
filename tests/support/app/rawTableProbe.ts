import { setTimeout as sleep } from 'node:timers/promises'

import pg from 'pg'

/** The raw tables the analytics are rolled up from: shoots, their analytics rows, portraits, sales. */
export const RAW_ANALYTICS_TABLES = [
  'package_analytics',
  'generations',
  'generation_results',
  'purchases',
  'purchases_lines',
]

/**
 * Runs `work` while another connection holds an ACCESS EXCLUSIVE lock on `tables`, and returns
 * the tables some connection was found waiting for meanwhile (the first the work reached; once
 * one is found the lock is released). Any statement that names one of
 * them (even a plain SELECT) must wait for that lock, and its request shows in pg_locks as not
 * granted. Work that reads none of them
 * finishes while the lock is held and returns no table. Unlike table statistics (flushed up to
 * seconds late) or pg_stat_statements (not loaded on this server), this cannot miss or
 * misattribute a read, so long as nothing else uses the database meanwhile (the int suite runs
 * its files one at a time, without job pollers).
 */
export const rawTablesTouchedBy = async <T>(
  work: () => Promise<T>,
  tables: string[] = RAW_ANALYTICS_TABLES,
  databaseUri: string = process.env.DATABASE_URI as string,
): Promise<{ result: T; touched: string[] }> => {
  const holder = new pg.Client({ connectionString: databaseUri })
  const watcher = new pg.Client({ connectionString: databaseUri })
  await Promise.all([holder.connect(), watcher.connect()])
  const touched = new Set<string>()
  try {
    await holder.query('BEGIN')
    await holder.query(
      `LOCK TABLE ${tables.map((table) => `"${table}"`).join(', ')} IN ACCESS EXCLUSIVE MODE`,
    )
    let finished = false
    const running = work().finally(() => {
      finished = true
    })
    running.catch(() => undefined)
    try {
      while (!finished && touched.size === 0) {
        const { rows } = await watcher.query<{ relname: string }>(
          `SELECT DISTINCT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
           WHERE NOT l.granted AND c.relname = ANY($1)`,
          [tables],
        )
        for (const row of rows) touched.add(row.relname)
        if (touched.size === 0 && !finished) await sleep(10)
      }
    } finally {
      await holder.query('ROLLBACK')
    }
    return { result: await running, touched: [...touched].sort() }
  } finally {
    await Promise.all([holder.end(), watcher.end()])
  }
}
