import { createHash } from 'node:crypto'

/**
 * The rate limiter's key for an e-mail address (lower-cased, trimmed) and any further `parts`
 * (a client address): the first 40 hex characters of their SHA-256, so no address is stored in
 * the limiter (Redis or memory). Used by sign-up and e-mail change notices and the login throttle.
 */
export const addressKey = (address: string, ...parts: string[]): string =>
  createHash('sha256')
    .update([address.trim().toLowerCase(), ...parts].join('\n'))
    .digest('hex')
    .slice(0, 40)
