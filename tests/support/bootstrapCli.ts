/**
 * Migrates and seeds the database named by DATABASE_URI, in its own process (the test
 * runner's main process never loads Payload). Used by the integration and e2e setups and the
 * benches, always through runChild, whose timeout kills a stalled run and reports its output.
 *
 * No keep-alive timer: a top-level await that can never settle must exit 13 at once, not hang.
 */
const { bootstrapDatabase } = await import('./bootstrap')
await bootstrapDatabase()
process.exit(0)

export {}
