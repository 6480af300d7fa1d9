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
/** Photos one customer may try (accepted or refused) in an hour, per photo they may keep: refused ones cost a decode too. */
export const TRIES_PER_ACCEPTED_UPLOAD = 3

/** req.context key: this request's upload was counted against the caps already (by the create endpoint). */
export const UPLOAD_QUOTA_CHECKED = 'uploadQuotaChecked'
const limiters = new Map<string, RateLimiterAbstract>()

/** Per-customer hourly counter `name`: in Redis with REDIS_URL (every node counts together), else in memory. */
const hourlyLimiter = (name: 'uploads' | 'upload-tries', points: number): RateLimiterAbstract => {
  const key = `${name}:${points}`
  const known = limiters.get(key)
  if (known) return known
  const redis = redisClient()
  const options = { keyPrefix: `${redis ? redisPrefix() : 'pp-'}rate:${key}`, points, duration: HOUR_SECONDS }
  const limiter = redis
    ? new RateLimiterRedis({ ...options, storeClient: redis })
    : new RateLimiterMemory(options)
  limiters.set(key, limiter)
  return limiter
}

const retryAfterOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

/**
 * Refuses a customer photo upload over the account's caps, before its bytes are decoded:
 * - 409 when UPLOAD_MAX_STORED photos are stored already (deleting some makes room);
 * - 429 with `retryAfter` (s) once UPLOAD_RATE_PER_HOUR photos were accepted in the hour: only
 *   accepted photos count here (countAcceptedUpload), so a customer whose photos were refused
 *   (no face, blurred) can try again;
 * - 429 past TRIES_PER_ACCEPTED_UPLOAD times that many tries in the hour, refused ones included,
 *   since each costs a decode and a face check.
 * A failing Redis lets the upload through: the stored cap still holds.
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
  const key = String(user.id)
  const accepted = await hourlyLimiter('uploads', uploadRatePerHour)
    .get(key)
    .catch(() => null)
  if (accepted && accepted.consumedPoints >= uploadRatePerHour) {
    const retryAfter = retryAfterOf(accepted.msBeforeNext)
    throw tooManyRequests(
      `You have uploaded ${uploadRatePerHour} photos in the last hour, the most allowed; try again in ${retryAfter} s.`,
      { field: 'file', retryAfter },
    )
  }
  const tries = uploadRatePerHour * TRIES_PER_ACCEPTED_UPLOAD
  try {
    await hourlyLimiter('upload-tries', tries).consume(key)
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) return
    const retryAfter = retryAfterOf(rejection.msBeforeNext)
    throw tooManyRequests(
      `You have sent ${tries} photos in the last hour, the most we check; try again in ${retryAfter} s.`,
      { field: 'file', retryAfter },
    )
  }
}

/** Counts a stored photo against its owner's hourly cap (after it passed every check). */
export const countAcceptedUpload = async (req: PayloadRequest): Promise<void> => {
  const { uploadRatePerHour } = settings()
  if (!req.user || uploadRatePerHour === 0) return
  // A rejection only means the cap was reached meanwhile (parallel uploads); Redis down: not counted.
  await hourlyLimiter('uploads', uploadRatePerHour)
    .consume(String(req.user.id))
    .catch(() => undefined)
}
