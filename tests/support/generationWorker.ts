/**
 * A separate worker process for the crash test: runs one generation's job against the
 * database in DATABASE_URI, so the test can kill it mid-job with SIGKILL.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { runGeneration } from '@/generation/runGeneration'

const payload = await getPayload({ config })
await runGeneration(payload, Number(process.argv[2]))
process.exit(0)
