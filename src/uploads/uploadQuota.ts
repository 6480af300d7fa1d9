import type { PayloadRequest } from 'payload'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'

import { conflict, tooManyRequests } from '@/lib/errors'
import { redisClient, redisPrefix } from '@/lib/redis'
import { settings } from '@/lib/settings'

const HOUR_SECONDS = 3600

/** req.context key: this request's upload was counted against the caps already (by the create endpoint). */
export const UPLOAD_QUOTA_CHECKED = 'uploadQuotaChecked'
let hourly: { limiter: RateLimiterAbstract; points: number } | undefined

/** Per-customer hourly counter: in Redis with REDIS_URL (every node counts together), else in memory. */
const hourlyLimiter = (points: number): RateLimiterAbstract => {
  if (hourly?.points === points) return hourly.limiter
  const redis = redisClient()
  const options = {
    keyPrefix: `${redis ? redisPrefix() : 'pp-'}rate:uploads:${points}`,
    points,
    duration: HOUR_SECONDS,
  }
  const limiter = redis
    ? new RateLimiterRedis({ ...options, storeClient: redis })
    : new RateLimiterMemory(options)
  hourly = { limiter, points }
  return limiter
}

/**
 * Refuses a customer photo upload over the account's caps, before its bytes are decoded:
 * 409 when UPLOAD_MAX_STORED photos are stored already (deleting some makes room), 429 with
 * `retryAfter` past UPLOAD_RATE_PER_HOUR uploads in the hour (refused uploads count: each cost a
 * decode). A failing Redis lets the upload through: the stored cap still holds.
 */
export const checkUploadQuota = async (req: PayloadRequest, collection: 'photo-uploads'): Promise<void> => {
  const user = req.user
  if (!user) return
  const { uploadMaxStored, uploadRatePerHour } = settings()
  const { totalDocs } = await req.payload.count({
    collection,
    where: { owner: { equals: user.id } },
    overrideAccess: true,
    req,
  })
  if (totalDocs >= uploadMaxStored) {
    throw conflict(
      `You have ${totalDocs} photos stored, the most one account may keep (${uploadMaxStored}); delete some to upload more.`,
      { field: 'file' },
    )
  }
  if (uploadRatePerHour === 0) return
  try {
    await hourlyLimiter(uploadRatePerHour).consume(String(user.id))
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) return
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
    throw tooManyRequests(
      `You have uploaded ${uploadRatePerHour} photos in the last hour, the most allowed; try again in ${retryAfter} s.`,
      { field: 'file', retryAfter },
    )
  }
}
