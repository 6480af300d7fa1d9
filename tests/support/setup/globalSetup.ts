import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { createFreshDatabase, dropDatabase } from './database'
import { runBootstrap } from './bootstrap'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUri: string
    mediaRoot: string
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
  // Uploaded files of this run go to a temporary folder, not the working tree.
  const mediaRoot = await mkdtemp(path.join(tmpdir(), 'pp-media-'))
  process.env.MEDIA_DIR = path.join(mediaRoot, 'media')
  process.env.PRIVATE_MEDIA_DIR = path.join(mediaRoot, 'private')
  await runBootstrap()
  project.provide('databaseUri', uri)
  project.provide('mediaRoot', mediaRoot)
  return async () => {
    await dropDatabase(name)
    await rm(mediaRoot, { recursive: true, force: true })
  }
}
