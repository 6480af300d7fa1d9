/* GET /readyz: Postgres, Redis and S3, each when configured (src/ops/readiness.ts). In production
 * server/front.mjs asks this route over its socket and answers 503 itself if the app does not answer. */
import { readinessResponse } from '@/ops/readiness'

export const dynamic = 'force-dynamic'

export const GET = (): Promise<Response> => readinessResponse()
