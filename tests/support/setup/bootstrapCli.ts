/**
 * Migrates and seeds the database named by DATABASE_URI, then lets go of it, in its own process
 * (the test runner's main process never loads Payload). Used by the integration and e2e setups
 * (runBootstrap in ./bootstrap.ts) and the benches, always through runChild, whose timeout kills a
 * stalled run and reports its output.
 *
 * No keep-alive timer: a top-level await that can never settle must exit 13 at once, not hang.
 */
const { getPayload } = await import('payload')
const { default: config } = await import('@payload-config')
const { migrations } = await import('@/migrations')
const { seedDemo } = await import('@/seed')
const payload = await getPayload({ config, key: 'bootstrap' } as Parameters<typeof getPayload>[0])
await payload.db.migrate({ migrations } as never)
await seedDemo(payload, { demoPasswords: true, log: process.env.BOOT_LOG ? console.log : () => undefined })
// The run's database is dropped WITH (FORCE) at the end, killing this pool's idle
// connections (pool.end() would wait on a connection Payload's migrate keeps): expected.
;(payload.db as unknown as { pool?: { on: (event: string, handler: () => void) => void } }).pool?.on(
  'error',
  () => undefined,
)
await payload.destroy()
process.exit(0)

export {}
