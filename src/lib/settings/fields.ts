/**
 * The kinds of environment variable the settings schema is made of: each is a zod schema from the
 * raw value (`string | undefined`) to the parsed one. Blank counts as unset; a value that is set
 * but unusable is a zod issue whose message reads on from the variable's name
 * (`must be a whole number from 1 to 32, got "three".`), so `parseEnv` can name the variable.
 */
import {
  bearerTokenOf,
  flagOf,
  httpUrlOf,
  redisUrlOf,
  textOf,
  UnusableValue,
  wholeOf,
} from '@server/contract.mjs'
import { z } from 'zod'

/** Any string map: the environment, or a plain object in tests (Next's ProcessEnv type demands NODE_ENV). */
export type Env = Record<string, string | undefined>

/** A variable that is set to a value the app cannot use. The message names the variable. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SettingsError'
  }
}

// Secrets pasted into env files often carry a trailing newline or spaces; an empty value means "unset".
export const envText = (env: Env, name: string): string | undefined => textOf(env[name])

/**
 * A variable read with `parse(text, raw)`: `text` is the trimmed value or undefined when unset or
 * blank, `raw` the value as given. `parse` throws an UnusableValue (server/contract.mjs, whose value
 * parsers the front shares) to refuse it.
 */
const variable = <T>(parse: (text: string | undefined, raw: string | undefined) => T) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      try {
        return parse(textOf(raw), raw)
      } catch (error) {
        if (!(error instanceof UnusableValue)) throw error
        ctx.addIssue({ code: 'custom', message: error.message })
        return z.NEVER
      }
    })

/** Free text, trimmed; undefined when unset. */
export const text = () => variable((value) => value)

/** Free text, trimmed; `fallback` when unset. */
export const textOr = (fallback: string) => variable((value) => value ?? fallback)

/** The value exactly as given (a password may start or end with a space). */
export const verbatim = () => variable((_value, raw) => raw)

/** A whole number from `min` to `max`; `fallback` when unset. */
export const whole = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  variable((value) => (value === undefined ? fallback : wholeOf(value, min, max)))

/** A whole number of at least `min`, or undefined when unset (the caller's default applies). */
export const optionalWhole = (min = 1) =>
  variable((value) => (value === undefined ? undefined : wholeOf(value, min)))

/** A TCP port (1-65535), or undefined when unset. */
export const port = () => variable((value) => (value === undefined ? undefined : wholeOf(value, 1, 65_535)))

/** A TCP port (1-65535) worded as such, or undefined when unset. */
export const tcpPort = () =>
  variable((value) => {
    if (value === undefined) return undefined
    const number = Number(value)
    if (!(Number.isInteger(number) && number > 0 && number < 65536))
      throw new UnusableValue(`must be a TCP port number, got "${value}".`)
    return number
  })

/** 1/true/yes/on or 0/false/no/off, any case; `fallback` when unset. */
export const flag = (fallback: boolean) =>
  variable((value, raw) => (value === undefined ? fallback : flagOf(value, raw)))

/** An absolute http(s) URL as given, or undefined when unset. */
export const httpUrl = () => variable((value) => (value === undefined ? undefined : httpUrlOf(value)))

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/

/** A DNS hostname (lower-cased, a trailing dot dropped; no scheme, port or path), or undefined when unset. */
export const hostname = () =>
  variable((value) => {
    if (value === undefined) return undefined
    const host = value.toLowerCase().replace(/\.$/, '')
    if (!HOSTNAME.test(host))
      throw new UnusableValue(
        `must be a hostname such as photos.example.com (no scheme, port or path), got "${value}".`,
      )
    return host
  })

/** A redis:// or rediss:// URL, or undefined when unset. */
export const redisUrl = () => variable((value) => (value === undefined ? undefined : redisUrlOf(value)))

/** A bearer token (RFC 6750 b64token characters), at least 16 long: a short one is guessable. */
export const bearerToken = () => variable((value) => (value === undefined ? undefined : bearerTokenOf(value)))

/**
 * One of `values`, any case, or undefined when unset; `refusal(lower, raw)` words the error after
 * the name (`lower`: the trimmed value in lower case, `raw`: as given).
 */
export const oneOf = <const V extends string>(
  values: readonly V[],
  refusal: (lower: string, raw: string) => string,
) =>
  variable((value, raw): V | undefined => {
    const lower = value?.toLowerCase()
    if (lower === undefined) return undefined
    if (!(values as readonly string[]).includes(lower)) throw new UnusableValue(refusal(lower, raw ?? ''))
    return lower as V
  })

/**
 * A variable checked only when its service is configured (SMTP_PORT without SMTP_HOST is ignored):
 * it parses to a `Later`, which the concern's mapper reads with `read(env, name)`.
 */
export interface Later<T> {
  readonly raw: string | undefined
  readonly schema: z.ZodType<T, string | undefined>
}

export const later = <T>(schema: z.ZodType<T, string | undefined>) =>
  z
    .string()
    .optional()
    .transform((raw): Later<T> => ({ raw, schema }))

/** Parses a Later variable now; throws a SettingsError naming it when its value is unusable. */
export const read = <E extends Record<K, Later<unknown>>, K extends keyof E & string>(
  env: E,
  name: K,
): E[K] extends Later<infer T> ? T : never => {
  const result = env[name].schema.safeParse(env[name].raw)
  if (!result.success) throw new SettingsError(`${name} ${result.error.issues[0]?.message}`)
  return result.data as E[K] extends Later<infer T> ? T : never
}

/** Parses `env` with `schema`; throws a SettingsError naming the first variable that is unusable. */
export const parseEnv = <T>(schema: z.ZodType<T, Env>, env: Env): T => {
  const result = schema.safeParse(env)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new SettingsError(
    issue?.path.length ? `${String(issue.path[0])} ${issue.message}` : String(issue?.message),
  )
}

/** A group-level refusal (two variables that do not go together); the message names them. */
export const refuse = (message: string): never => {
  throw new SettingsError(message)
}
