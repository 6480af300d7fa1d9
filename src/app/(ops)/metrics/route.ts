/* GET /metrics: this process's series (src/ops/metricsEndpoint.ts). Behind server/front.mjs only the
 * front reaches it (with its per-start internal token, for JSON it merges with its own series);
 * under `npm run dev` it needs `Authorization: Bearer $METRICS_TOKEN`. */
import config from '@payload-config'
import { getPayload } from 'payload'

import { metricsAccess } from '@/ops/metricsAccess'
import { metricsJson, metricsText } from '@/ops/metricsEndpoint'

export const dynamic = 'force-dynamic'

export const GET = async (request: Request): Promise<Response> => {
  const access = metricsAccess(request.headers)
  if (access instanceof Response) return access
  const payload = await getPayload({ config }).catch(() => null)
  return access === 'front' ? metricsJson(payload) : metricsText(payload)
}
