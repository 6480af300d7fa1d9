import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { globSync } from 'tinyglobby'
import { defineConfig } from 'vitest/config'

const root = path.dirname(fileURLToPath(import.meta.url))
const alias = {
  '@payload-config': path.join(root, 'payload.config.ts'),
  '@': path.join(root, 'src'),
  '@server': path.join(root, 'server'),
}

/**
 * An integration test needs a second process when it imports one of these: child app nodes and
 * workers (appNodes, child), a local S3 server (s3Env, s3Server), a Redis link it can cut
 * (redisLink, redisLinkEnv), or node:child_process itself (promtool, CLIs). Every other int test
 * is "fast": one process, its own Payload on the run's database, in-process fakes only.
 */
const SECOND_PROCESS =
  /from '(node:child_process|[^']*\/support\/[^']*\b(appNodes|child|s3Env|s3Server|redisLink|redisLinkEnv))'/
/**
 * A fast int test needs a Payload of its own when it sets a variable the config reads as it loads
 * (Payload's KV store in Redis: redisEnv; the pool's size: poolOfOneEnv) before loading it.
 * The other fast ones share one process and one Payload (int-fast, isolate: false).
 */
const OWN_CONFIG = /import '[^']*\/support\/(servers\/redisEnv|app\/poolOfOneEnv)'/
const intFiles = globSync('tests/int/**/*.int.test.ts', { cwd: root }).sort()
const source = (file: string) => readFileSync(path.join(root, file), 'utf8')
const needsSecondProcess = intFiles.filter((file) => SECOND_PROCESS.test(source(file)))
const fastOwnConfig = intFiles.filter(
  (file) => !needsSecondProcess.includes(file) && OWN_CONFIG.test(source(file)),
)

const intProject = (
  name: string,
  {
    include = ['tests/int/**/*.int.test.ts'],
    exclude = [] as string[],
    shared = false,
    parallel = false,
    groupOrder = 0,
  } = {},
) => ({
  resolve: { alias },
  test: {
    name,
    include,
    exclude,
    environment: 'node',
    globalSetup: ['tests/support/setup/globalSetup.ts'],
    setupFiles: ['tests/support/setup/intEnv.ts', ...(shared ? ['tests/support/setup/sharedFile.ts'] : [])],
    // Parallel (test:fast): files run side by side, each worker on a database of its own (globalSetup).
    fileParallelism: parallel,
    // Shared: a worker runs its files in one process, with one module cache and so one Payload
    // (tests/support/app/payload.ts); sharedFile.ts gives each file the environment it started with.
    isolate: !shared,
    sequence: { groupOrder },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})

// Five projects: pure unit tests, integration tests on a fresh Postgres database, the same
// integration tests less those needing a second process (int-fast and int-fast-own, together a
// subset of int: never run them with int), and end-to-end tests in Debian's Chromium against a built app.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // After int-fast in test:fast (see there), beside int-fast-own.
          sequence: { groupOrder: 1 },
          // Pure modules: a worker runs its files in one module cache instead of a fresh one per file
          // (about 100 -> 52 s of CPU for the 55 files). Settings are keyed by the environment, and a
          // file that changes process.env puts it back (csrfOrigin).
          isolate: false,
          // Image and property tests take seconds on a busy 2-core machine; speed is measured by the bench, not here.
          testTimeout: 60_000,
        },
      },
      intProject('int'),
      // The inner loop (`npm run test:fast`): the int tests that need no second process, in one
      // shared process (int-fast) but for the few that need a config of their own (int-fast-own).
      // Each runs its files side by side on --maxWorkers workers (package.json's test:fast), int-fast
      // first and alone: a shared worker keeps its Payload only while the next file queued is its own.
      intProject('int-fast', {
        exclude: [...needsSecondProcess, ...fastOwnConfig],
        shared: true,
        parallel: true,
      }),
      intProject('int-fast-own', { include: fastOwnConfig, parallel: true, groupOrder: 1 }),
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/setup/e2eSetup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
})
