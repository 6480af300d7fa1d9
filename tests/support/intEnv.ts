import { inject } from 'vitest'

// Runs before each integration file imports the config, which reads these at import time.
process.env.DATABASE_URI = inject('databaseUri')
process.env.MEDIA_DIR = `${inject('mediaRoot')}/media`
process.env.PRIVATE_MEDIA_DIR = `${inject('mediaRoot')}/private`
process.env.PAYLOAD_SECRET ??= 'test-secret'
process.env.FREE_TRIAL_SHOOTS ??= '3'
process.env.JOBS_AUTORUN = '0'
process.env.GENERATION_BACKOFF_MS = '50'
