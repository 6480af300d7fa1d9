import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { createFreshDatabase, dropDatabase, ensureTemplateDatabase } from './database'
import { runBootstrap } from './bootstrap'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUri: string
    mediaRoot: string
  }
}

/**
 * One fresh Postgres database per run, dropped at the end: a copy of the template database
 * migrated with the committed migrations (as production is) and seeded, which is built once per
 * change of the migrations or the seed (ensureTemplateDatabase in ./database.ts). With
 * TEST_DATABASE_TEMPLATE=0 the run's own database is migrated and seeded instead.
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
  const { name, uri } = useTemplate
    ? await createFreshDatabase('pp_test', await template()).catch(async () =>
        createFreshDatabase('pp_test', await template()),
      )
    : await createFreshDatabase('pp_test')
  process.env.DATABASE_URI = uri
  if (!useTemplate) await runBootstrap()
  project.provide('databaseUri', uri)
  project.provide('mediaRoot', mediaRoot)
  return async () => {
    await dropDatabase(name)
    await rm(mediaRoot, { recursive: true, force: true })
  }
}
