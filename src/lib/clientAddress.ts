import { CLIENT_ADDRESS_HEADER } from '@server/contract.mjs'

/** Set by the front (server/front.mjs) from the socket (or the trusted proxy); a client cannot choose it. */
export { CLIENT_ADDRESS_HEADER }

/**
 * The client a request came from, as the rate limits key it: the front's header, else the last
 * X-Forwarded-For hop, else "unknown" (the local API, called with no request from outside).
 */
export const clientAddressOf = (headers: Headers | undefined): string =>
  headers?.get(CLIENT_ADDRESS_HEADER) ??
  headers?.get('x-forwarded-for')?.split(',').pop()?.trim() ??
  'unknown'
