import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const pbkdf2Async = promisify(pbkdf2)

/**
 * Payload 3.90's password hashes (payload/dist/auth/strategies/local/generatePasswordSaltHash.js):
 * `pbkdf2-sha256-v1:<hex>` is PBKDF2-SHA256, 600,000 iterations, 32 bytes; a bare hex hash is the
 * legacy form, 25,000 iterations, 512 bytes. Salt: hex text, used as given.
 */
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'
const CURRENT = { iterations: 600_000, keyLength: 32 }
const LEGACY = { iterations: 25_000, keyLength: 512 }

const parametersOf = (hash: string) =>
  hash.startsWith(CURRENT_PREFIX)
    ? { ...CURRENT, stored: Buffer.from(hash.slice(CURRENT_PREFIX.length), 'hex') }
    : { ...LEGACY, stored: Buffer.from(hash, 'hex') }

/** True when `password` matches the stored `hash` and `salt` (as Payload's login compares them). */
export const matchesPasswordHash = async (
  stored: { hash?: unknown; salt?: unknown },
  password: string,
): Promise<boolean> => {
  if (typeof stored.hash !== 'string' || typeof stored.salt !== 'string') return false
  const { iterations, keyLength, stored: expected } = parametersOf(stored.hash)
  const actual = await pbkdf2Async(password, stored.salt, iterations, keyLength, 'sha256')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** True when `hash` is in Payload's legacy form (25,000 rounds, 512 bytes), which a sign-in replaces. */
export const isLegacyPasswordHash = (hash: string): boolean => !hash.startsWith(CURRENT_PREFIX)

/**
 * A new salt (32 random bytes, as hex) and hash of `password` in Payload's current form, as its
 * generatePasswordSaltHash makes them (not exported by payload 3.90).
 */
export const currentPasswordHash = async (password: string): Promise<{ hash: string; salt: string }> => {
  const salt = randomBytes(32).toString('hex')
  const key = await pbkdf2Async(password, salt, CURRENT.iterations, CURRENT.keyLength, 'sha256')
  return { hash: `${CURRENT_PREFIX}${key.toString('hex')}`, salt }
}

let dummy: { hash: string; salt: string } | undefined

/**
 * Checks `password` against a hash no password has (random, made once per process) at the cost
 * of a real current-format check, and answers false: the time a wrong password takes does not
 * tell whether the account exists.
 */
export const matchesDummyHash = async (password: string): Promise<false> => {
  dummy ??= {
    hash: `${CURRENT_PREFIX}${randomBytes(CURRENT.keyLength).toString('hex')}`,
    salt: randomBytes(32).toString('hex'),
  }
  await matchesPasswordHash(dummy, password)
  return false
}
