import type { PayloadRequest, RequestContext } from 'payload'

/**
 * Runs `work` with `flags` added to `req.context`, then gives the request its own context back.
 *
 * Payload merges an operation's `context` option into the request it is given and keeps it
 * there (`createLocalReq` reassigns `req.context`). A hook that passes `context: { skip… }` to a
 * nested operation on the shared `req` would therefore silence the hooks of every LATER
 * operation of the same request: the seed's later tiers skipped their Stripe sync, and a default
 * tier's own catalog revalidation was skipped after it cleared the package's other defaults.
 * Nested operations that need flags run inside this instead of passing `context:`.
 *
 * Operations on one request run one after the other (they share its transaction), so the
 * swap cannot be seen by a concurrent operation of the same request.
 */
export const withContextFlags = async <T>(
  req: PayloadRequest,
  flags: RequestContext,
  work: () => Promise<T>,
): Promise<T> => {
  const outer = req.context
  req.context = { ...outer, ...flags }
  try {
    return await work()
  } finally {
    req.context = outer
  }
}
