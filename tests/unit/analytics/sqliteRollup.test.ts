import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')

it('rolls up and reports analytics on the embedded SQLite database (the same SQL as on Postgres)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-sqlite-analytics-'))
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SQLITE_URL: `file:${path.join(dir, 'analytics.db')}`,
      JOBS_AUTORUN: '0',
      MEDIA_DIR: dir,
      PRIVATE_MEDIA_DIR: dir,
    }
    delete env.DATABASE_URI
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/sqlite/sqliteAnalytics.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 150_000,
    })
    expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0)
    const result = JSON.parse(
      run.stdout
        .trim()
        .split('\n')
        .find((line) => line.startsWith('{"adapter"')) as string,
    )
    expect(result.adapter).toBe('sqlite')
    expect(result.full).toEqual({ mode: 'full', days: ['2025-06-01', '2025-06-02', '2025-06-03'] })
    expect(result.incremental.mode).toBe('incremental')
    expect(result.totals).toMatchObject({
      generations: 3,
      uniqueUsers: 2,
      imagesRequested: 9,
      imagesGenerated: 6,
      failedGenerations: 1,
      avgRating: 4,
      ratingCount: 2,
      revenueCents: 999,
      purchases: 1,
      shootsSold: 25,
      shootsUsed: 2,
    })
    // The package's studio's own figures are all of them; another studio's are none.
    expect(result.studioTotals).toEqual(result.totals)
    expect(result.studioRow).toMatchObject({
      revenueCents: 999,
      platformFeeCents: 99,
      shoots: 3,
      imagesGenerated: 6,
    })
    expect(result.otherStudio).toEqual([0, 0, 0])
    // User a came back on 06-03, two days after 06-01; user b came once.
    expect(result.retention).toMatchObject({ returningUsers: 1, activeUsers: 2 })
    expect(result.daily.slice(0, 3)).toEqual([
      ['2025-06-01', 2, 0],
      ['2025-06-02', 0, 999],
      ['2025-06-03', 1, 0],
    ])
    expect(result.lastError).toBeNull()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 180_000)
