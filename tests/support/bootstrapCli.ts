/**
 * Migrates and seeds the database named by DATABASE_URI, in its own process (the test
 * runner's main process never loads Payload). Used by the integration and e2e setups.
 */
import { bootstrapDatabase } from './bootstrap'

await bootstrapDatabase()
process.exit(0)
