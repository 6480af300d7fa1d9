import { inject } from 'vitest'

// Runs before each integration file imports the config, which reads these at import time.
// Files running side by side (npm run test:fast) each have a database and media folder of their
// worker's own; `int` runs one worker, so one database.
const databaseUris = inject('databaseUris')
const worker = (Number(process.env.VITEST_POOL_ID ?? 1) - 1) % databaseUris.length
process.env.DATABASE_URI = databaseUris[worker]
process.env.MEDIA_DIR = `${inject('mediaRoot')}/${worker}/media`
process.env.PRIVATE_MEDIA_DIR = `${inject('mediaRoot')}/${worker}/private`
process.env.PAYLOAD_SECRET ??= 'test-secret'
process.env.FREE_TRIAL_SHOOTS ??= '3'
process.env.JOBS_AUTORUN = '0'
process.env.GENERATION_BACKOFF_MS = '50'
// Every test signs in from 127.0.0.1; the rate-limit tests lower these for themselves.
process.env.RATE_LIMIT_LOGIN_POINTS ??= '100000'
process.env.RATE_LIMIT_SIGNUP_POINTS ??= '100000'
process.env.RATE_LIMIT_FORGOT_PASSWORD_POINTS ??= '100000'
process.env.RATE_LIMIT_RESET_PASSWORD_POINTS ??= '100000'
