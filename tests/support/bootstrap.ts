import { getPayload } from 'payload'

/** Migrates and seeds the database named by DATABASE_URI, then lets go of it. */
export const bootstrapDatabase = async (): Promise<void> => {
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
}
