/**
 * `npm run seed`: upserts the launch catalog and demo accounts into the configured
 * database. Idempotent: a second run changes nothing. In production, demo accounts are
 * created only for roles whose SEED_<ROLE>_PASSWORD is set.
 */
import { getPayload } from 'payload'

const { default: config } = await import('../payload.config')
const { seedDemo } = await import('../src/seed')
const { settings } = await import('../src/lib/settings')

const payload = await getPayload({ config })
try {
  await seedDemo(payload, {
    demoPasswords: !settings().isProduction,
    secondStudioHost: settings().seedSecondStudioHost,
    log: (line) => console.log(line),
  })
} finally {
  await payload.destroy()
}
process.exit(0)
