import { tooManyRequests } from '@/lib/errors'
import { settings } from '@/lib/settings'

/** Seconds a refused stream is told to wait: a page reconnects on its own after it. */
const RETRY_AFTER_SECONDS = 10

// On globalThis: Next.js bundles the API routes separately; the node's streams count once.
const holder = globalThis as typeof globalThis & {
  __photoPackagesStreams?: { total: number; byCustomer: Map<number, number> }
}
const open = (holder.__photoPackagesStreams ??= { total: 0, byCustomer: new Map() })

/**
 * Takes one of this node's progress-stream slots for `customerId`, or throws a 429 with
 * `retryAfter`: at most STREAMS_PER_CUSTOMER streams per customer and STREAMS_PER_NODE in all.
 * Each open stream holds memory and a socket of the node, so the caps bound what streams can take,
 * and one customer's many tabs cannot slow anyone else. Per node, not shared through Redis: the
 * resource is the node's own pool, and a count in this process cannot outlive a crashed stream.
 * Returns the release function (idempotent).
 */
export const takeStreamSlot = (customerId: number): (() => void) => {
  const { streamsPerCustomer, streamsPerNode } = settings()
  const mine = open.byCustomer.get(customerId) ?? 0
  if (mine >= streamsPerCustomer) {
    throw tooManyRequests(
      `You already have ${mine} progress streams open, the most allowed (${streamsPerCustomer}); close a tab or follow the shoot at its status URL.`,
      { retryAfter: RETRY_AFTER_SECONDS },
    )
  }
  if (open.total >= streamsPerNode) {
    throw tooManyRequests(
      `This server is following ${open.total} shoots, the most it takes at once; try again in ${RETRY_AFTER_SECONDS} s.`,
      { retryAfter: RETRY_AFTER_SECONDS },
    )
  }
  open.byCustomer.set(customerId, mine + 1)
  open.total++
  let released = false
  return () => {
    if (released) return
    released = true
    open.total--
    const left = (open.byCustomer.get(customerId) ?? 1) - 1
    if (left > 0) open.byCustomer.set(customerId, left)
    else open.byCustomer.delete(customerId)
  }
}
