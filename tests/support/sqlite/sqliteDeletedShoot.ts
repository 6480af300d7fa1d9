/**
 * The deleted-shoot story (deletedShootStory.ts) on the embedded SQLite database, the README's
 * run: boots Payload on SQLITE_URL, seeds, serves REST, runs the story and prints its facts as
 * JSON for tests/int/billing/deletedShoot.int.test.ts to check.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { seedDemo } from '@/seed'

import { deletedShootStory } from '../fixtures/deletedShootStory'
import { startRestServer } from '../app/restServer'

const payload = await getPayload({ config })
await seedDemo(payload, { demoPasswords: true, log: () => undefined })
const server = await startRestServer()
const facts = await deletedShootStory(payload, server.url)
await server.close()
console.log(JSON.stringify({ adapter: payload.db.name, facts }))
process.exit(0)
