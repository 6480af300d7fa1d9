/**
 * `npm run bench:web`: Lighthouse (npm lighthouse with Debian's Chromium) on `/` and
 * `/packages/wedding-portraits` of the production build on a fresh seeded Postgres database.
 * Prints performance, accessibility and best-practices scores; writes bench/web-results.json.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'

import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

import { startProductionApp } from './support'

const PAGES = ['/', '/packages/wedding-portraits']

const { base, stop } = await startProductionApp('pp_bench_web')
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
})
const results: Record<string, Record<string, number>> = {}
try {
  for (const page of PAGES) {
    await fetch(`${base}${page}`) // warm the server and Next's data cache
    const result = await lighthouse(`${base}${page}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    })
    const categories = result?.lhr.categories ?? {}
    results[page] = Object.fromEntries(
      Object.entries(categories).map(([key, value]) => [key, Math.round((value.score ?? 0) * 100)]),
    )
    console.log(page, results[page])
  }
} finally {
  await chrome.kill()
  await stop()
}
writeFileSync(
  path.resolve(import.meta.dirname, 'web-results.json'),
  `${JSON.stringify({ at: new Date().toISOString(), mode: 'Lighthouse default (mobile, simulated throttling)', results }, null, 2)}\n`,
)
process.exit(0)
