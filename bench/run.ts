/**
 * `npm run bench`: speed and memory, measured (not asserted). Every figure comes from this
 * one run on this machine, with a bare node:http server as the baseline for the catalog.
 * Writes bench/results.json.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'

import { benchAnalytics } from './analytics'
import { benchCatalog } from './catalog'
import { benchGeneration } from './generation'

const only = new Set((process.env.BENCH_ONLY ?? 'catalog,generation,analytics').split(','))
const results: Record<string, unknown> = {
  node: process.version,
  at: new Date().toISOString(),
  cores: (await import('node:os')).cpus().length,
}

if (only.has('catalog')) {
  console.log('== catalog (next start on Postgres, autocannon 32 connections)')
  results.catalog = await benchCatalog()
  console.table((results.catalog as { results: object[] }).results)
}
if (only.has('analytics')) {
  console.log('== analytics (rollup job and dashboard; BENCH_ANALYTICS_ROWS generations)')
  results.analytics = await benchAnalytics()
}
if (only.has('generation')) {
  console.log('== generation (fake Gemini, 300 ms per image)')
  results.generation = await benchGeneration()
}
console.log(JSON.stringify(results, null, 2))
writeFileSync(path.resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
process.exit(0)
