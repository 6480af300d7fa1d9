import pLimit, { type LimitFunction } from 'p-limit'

import { serviceUnavailable } from '@/lib/errors'
import { settings } from '@/lib/settings'

/** Seconds a refused upload is told to wait: a queue's worth of decodes at a few seconds each. */
const RETRY_AFTER_SECONDS = 5

let queue: { limit: LimitFunction; concurrency: number } | undefined

/**
 * Runs `decode` when one of this process's DECODE_CONCURRENCY decode slots is free; up to
 * DECODE_QUEUE more wait their turn (p-limit). Past that a 503 with `retryAfter` (sent as
 * Retry-After): decoding is memory- and CPU-bound, so a burst of photos must wait or go
 * elsewhere instead of decoding all at once and starving every other request.
 */
export const withDecodeSlot = async <T>(decode: () => Promise<T>): Promise<T> => {
  const { decodeConcurrency, decodeQueue } = settings()
  if (queue?.concurrency !== decodeConcurrency)
    queue = { limit: pLimit(decodeConcurrency), concurrency: decodeConcurrency }
  const { limit } = queue
  if (limit.activeCount >= decodeConcurrency && limit.pendingCount >= decodeQueue) {
    throw serviceUnavailable(
      `Too many photos are being processed right now; try again in ${RETRY_AFTER_SECONDS} s.`,
      { field: 'file', retryAfter: RETRY_AFTER_SECONDS },
    )
  }
  return limit(decode)
}
