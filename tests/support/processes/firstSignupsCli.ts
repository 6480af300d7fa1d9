/**
 * On the EMPTY database named by DATABASE_URI (migrated, never seeded): fires N sign-ups at
 * once through REST and prints the roles they got as one JSON line. Its own process, so the
 * test run's Payload (bound to the seeded database) is not involved.
 */
const keepAlive = setInterval(() => undefined, 60_000)
const { getPayload } = await import('payload')
const { default: config } = await import('@payload-config')
const { migrations } = await import('@/migrations')
const { startRestServer } = await import('../app/restServer')
const payload = await getPayload({ config })
await payload.db.migrate({ migrations } as never)
const server = await startRestServer()
const count = Number(process.env.SIGNUPS ?? 8)
const responses = await Promise.all(
  Array.from({ length: count }, (_, index) =>
    fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-photo-packages-client': `192.0.2.${index + 1}` },
      body: JSON.stringify({ email: `racer-${index}@example.com`, password: 'racer-password-1' }),
    }).then((response) => response.status),
  ),
)
const { docs } = await payload.find({
  collection: 'users',
  pagination: false,
  depth: 0,
  overrideAccess: true,
})
console.log(`RESULT ${JSON.stringify({ statuses: responses, roles: docs.map((user) => user.role) })}`)
;(payload.db as unknown as { pool?: { on: (event: string, handler: () => void) => void } }).pool?.on(
  'error',
  () => undefined,
)
await server.close()
clearInterval(keepAlive)
process.exit(0)

export {}
