/**
 * `npm run bench:web`: Lighthouse (npm lighthouse with Debian's Chromium) on `/` and
 * `/packages/wedding-portraits` of the production build on a fresh seeded Postgres database.
 * Prints performance, accessibility and best-practices scores; writes bench/web-results.json.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'

import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

import { createFreshDatabase, dropDatabase } from '../tests/support/database'

import { run, waitForHttp } from './support'

const root = path.resolve(import.meta.dirname, '..')
const PAGES = ['/', '/packages/wedding-portraits']

const { name, uri } = await createFreshDatabase('pp_bench_web')
const port = 3960 + Math.floor(Math.random() * 30)
const env = {
  ...process.env,
  NODE_ENV: 'production' as const,
  DATABASE_URI: uri,
  PAYLOAD_SECRET: 'bench-secret',
  JOBS_AUTORUN: '0',
  PORT: String(port),
  HOSTNAME: '127.0.0.1',
}
await run('npx', ['payload', 'migrate'], env)
await run('npx', ['tsx', 'scripts/seed.ts'], env)
if (!process.env.BENCH_SKIP_BUILD) await run('npx', ['next', 'build'], env)
const server = spawn(process.execPath, ['server.mjs'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
const results: Record<string, Record<string, number>> = {}
try {
  const base = `http://127.0.0.1:${port}`
  await waitForHttp(`${base}/api/packages`, 120_000, server)
  for (const page of PAGES) {
    await fetch(`${base}${page}`) // warm the server and Next's data cache
    const result = await lighthouse(`${base}${page}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    })
    const categories = result?.lhr.categories ?? {}
    results[page] = Object.fromEntries(Object.entries(categories).map(([key, value]) => [key, Math.round((value.score ?? 0) * 100)]))
    console.log(page, results[page])
  }
} finally {
  await chrome.kill()
  if (server.pid) process.kill(-server.pid, 'SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await dropDatabase(name).catch(() => undefined)
}
writeFileSync(path.resolve(import.meta.dirname, 'web-results.json'), `${JSON.stringify({ at: new Date().toISOString(), mode: 'Lighthouse default (mobile, simulated throttling)', results }, null, 2)}\n`)
process.exit(0)
