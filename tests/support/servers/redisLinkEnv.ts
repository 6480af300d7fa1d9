import './redisEnv'

import { startRedisLink } from './redisLink'

/**
 * Imported first by a test file whose own process (node 1) must reach Redis through a link the
 * test can cut (tests/support/servers/redisLink.ts), before the Payload config opens its connections.
 */
export const realRedisUrl = process.env.REDIS_URL!
export const node1Link = await startRedisLink(realRedisUrl)
process.env.REDIS_URL = node1Link.url
