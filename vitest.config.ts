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
const intFiles = globSync('tests/int/**/*.int.test.ts', { cwd: root })
const needsSecondProcess = intFiles.filter((file) =>
  SECOND_PROCESS.test(readFileSync(path.join(root, file), 'utf8')),
)

const intProject = (name: string, exclude: string[] = []) => ({
  resolve: { alias },
  test: {
    name,
    include: ['tests/int/**/*.int.test.ts'],
    exclude,
    environment: 'node',
    globalSetup: ['tests/support/setup/globalSetup.ts'],
    setupFiles: ['tests/support/setup/intEnv.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})

// Four projects: pure unit tests, integration tests on a fresh Postgres database, the same
// integration tests less those needing a second process (int-fast, a subset of int: never run both
// at once), and end-to-end tests in Debian's Chromium against a built app.
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
          // Image and property tests take seconds on a busy 2-core machine; speed is measured by the bench, not here.
          testTimeout: 60_000,
        },
      },
      intProject('int'),
      // The inner loop (`npm run test:fast`): the int tests that need no second process.
      intProject('int-fast', needsSecondProcess),
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
