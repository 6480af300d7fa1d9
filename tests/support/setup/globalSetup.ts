import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { createFreshDatabase, dropDatabase, ensureTemplateDatabase } from './database'
import { runBootstrap } from './bootstrap'

declare module 'vitest' {
  export interface ProvidedContext {
    /** One database per worker the project may run at once: worker VITEST_POOL_ID n uses the n-th. */
    databaseUris: string[]
    mediaRoot: string
  }
}

/**
 * How many workers may run this project's files at once: its own maxWorkers (1 with
 * `fileParallelism: false`), else the run's (`--maxWorkers`), else vitest's default of one less
 * than the CPUs (resolveMaxWorkers in vitest 4).
 */
const workersOf = (project: TestProject): number =>
  Math.max(
    1,
    Number(project.config.maxWorkers ?? project.vitest.config.maxWorkers ?? availableParallelism() - 1),
  )

/**
 * Fresh Postgres databases for the run, dropped at the end: copies of the template database
 * migrated with the committed migrations (as production is) and seeded, which is built once per
 * change of the migrations or the seed (ensureTemplateDatabase in ./database.ts). One per worker
 * that may run at once (one for `int`, whose files run one after another; one per worker for
 * `npm run test:fast`), so files running side by side never share rows. With
 * TEST_DATABASE_TEMPLATE=0 the run's one database is migrated and seeded instead.
 */
export default async function setup(project: TestProject) {
  process.env.PAYLOAD_SECRET ??= 'test-secret'
  process.env.PACKAGE_CACHE_TTL ??= '300000'
  process.env.JOBS_AUTORUN = '0'
  // Uploaded files of this run go to a temporary folder, not the working tree.
  const mediaRoot = await mkdtemp(path.join(tmpdir(), 'pp-media-'))
  process.env.MEDIA_DIR = path.join(mediaRoot, 'media')
  process.env.PRIVATE_MEDIA_DIR = path.join(mediaRoot, 'private')
  const useTemplate = process.env.TEST_DATABASE_TEMPLATE !== '0'
  const template = () =>
    ensureTemplateDatabase(async (templateUri) => {
      process.env.DATABASE_URI = templateUri
      await runBootstrap()
    })
  // A run of another checkout (other migrations) may drop this template just as it is copied: once more.
  const workers = workersOf(project)
  const templateName = useTemplate ? await template() : undefined
  const databases: { name: string; uri: string }[] = []
  for (let worker = 0; worker < workers; worker++) {
    databases.push(
      templateName
        ? await createFreshDatabase('pp_test', templateName).catch(async () =>
            createFreshDatabase('pp_test', await template()),
          )
        : await createFreshDatabase('pp_test'),
    )
  }
  if (!useTemplate)
    for (const { uri } of databases) {
      process.env.DATABASE_URI = uri
      await runBootstrap()
    }
  process.env.DATABASE_URI = databases[0].uri
  project.provide(
    'databaseUris',
    databases.map(({ uri }) => uri),
  )
  project.provide('mediaRoot', mediaRoot)
  return async () => {
    for (const { name } of databases) await dropDatabase(name)
    await rm(mediaRoot, { recursive: true, force: true })
  }
}
