import { randomUUID } from 'node:crypto'

// Imported first by multi-node tests, before the config reads these: Redis on this machine,
// under a key prefix (and so channels) of this file's own.
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379'
process.env.REDIS_PREFIX = `pp-test-${randomUUID().slice(0, 8)}:`
