import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

it('boots, seeds and serves the catalog on the embedded SQLite database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-sqlite-'))
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SQLITE_URL: `file:${path.join(dir, 'smoke.db')}`,
      JOBS_AUTORUN: '0',
      MEDIA_DIR: dir,
      PRIVATE_MEDIA_DIR: dir,
    }
    delete env.DATABASE_URI
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/sqlite/sqliteSmoke.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
      killSignal: 'SIGKILL',
    })
    expect(run.status, run.stderr).toBe(0)
    const line = run.stdout
      .trim()
      .split('\n')
      .find((l) => l.startsWith('{"adapter"'))
    const result = JSON.parse(line as string)
    expect(result.adapter).toBe('sqlite')
    expect(result.packages.map((p: { slug: string }) => p.slug)).toEqual([
      'wedding-portraits',
      'engagement',
      'professional-headshots',
      'anniversary',
    ])
    expect(result.packages[0]).toEqual({ slug: 'wedding-portraits', themes: 12, tiers: 3 })
    expect(result.secondRunWrites).toBe(0)
    // Seeded admin, editor and customer can sign in; an account from before verification is verified at start.
    expect(result.demoVerified.length).toBeGreaterThanOrEqual(3)
    expect(result.demoVerified.every((verified: boolean) => verified === true)).toBe(true)
    expect(result.oldAccount).toEqual([null, true])
    // One default studio owns every catalog row (an unowned one is given it at start) and the demo editor works in it.
    expect(result.studios).toBe(1)
    expect(Object.values(result.unowned).every((count) => count === 0)).toBe(true)
    expect(result.editorStudios).toEqual([result.studioId])
    // An editor without a studio at start is given the default one (the row gets its id).
    expect(result.tenantless).toEqual([0, [result.studioId]])
    // A REST write naming a studio that does not exist is a 400 naming the path and changes nothing.
    expect(result.dangling).toEqual({ status: 400, paths: ['tenants.0.tenant'], tenantsKept: true })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 150_000)
