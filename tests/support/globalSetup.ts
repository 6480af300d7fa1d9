import type { TestProject } from 'vitest/node'

import { createFreshDatabase, dropDatabase } from './database'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUri: string
  }
}

/**
 * One fresh Postgres database per run: created here, migrated with the committed
 * migrations (as production is) and seeded, then dropped at the end.
 */
export default async function setup(project: TestProject) {
  const { name, uri } = await createFreshDatabase()
  process.env.DATABASE_URI = uri
  process.env.PAYLOAD_SECRET ??= 'test-secret'
  process.env.PACKAGE_CACHE_TTL ??= '300000'
  process.env.JOBS_AUTORUN = '0'
  const { bootstrapDatabase } = await import('./bootstrap')
  await bootstrapDatabase()
  project.provide('databaseUri', uri)
  return async () => {
    await dropDatabase(name)
  }
}
