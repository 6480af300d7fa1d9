/* GET /healthz under `npm run dev`; in production server/front.mjs answers it without reaching Next. */
import { healthResponse } from '@/ops/readiness'

export const dynamic = 'force-dynamic'

export const GET = (): Response => healthResponse()
