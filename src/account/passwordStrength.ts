import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as english from '@zxcvbn-ts/language-en'

import { settings } from '@/lib/settings'

/** Fewest characters a password may have (NIST SP 800-63B §3.1.1.2: at least 8 where another control applies). */
export const PASSWORD_MIN_LENGTH = 8
/** Most characters accepted; NIST asks verifiers to allow at least 64. */
export const PASSWORD_MAX_LENGTH = 256
/**
 * Lowest zxcvbn score accepted (0-4). 2 is "somewhat guessable" (about 10^6-10^8 guesses): enough
 * behind the login rate limit and lockout, and it refuses the blocklisted, dictionary and
 * keyboard-pattern passwords NIST SP 800-63B §3.1.1.2 tells verifiers to refuse.
 */
export const PASSWORD_MIN_SCORE = 2

let estimator: ZxcvbnFactory | undefined
// Built on first use: loading the dictionaries takes about 80 ms.
const zxcvbn = (): ZxcvbnFactory =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  }))

/**
 * Why a new password is refused, or null when it is acceptable. Length is counted in Unicode code
 * points. `userInputs` are words the password must not lean on (the e-mail address, the name, the
 * studio's name): zxcvbn scores a password built from them as guessable. Sources: NIST SP 800-63B
 * §3.1.1.2 (length, blocklist, no composition rules); zxcvbn-ts for the guess estimate.
 */
export const passwordProblem = (password: string, userInputs: string[] = []): string | null => {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
  // The whole input, its e-mail local part, and its words: each is a guess an attacker tries first.
  const words = userInputs
    .map((input) => input.toLowerCase())
    .flatMap((input) => [input, input.split('@')[0], ...input.split(/[^\p{L}\p{N}]+/u)])
    .filter((word) => word.length > 1)
  const { score, feedback } = zxcvbn().check(password, words)
  if (score >= PASSWORD_MIN_SCORE) return null
  const why = feedback.warning ?? 'This password is easy to guess.'
  const hint = feedback.suggestions[0] ?? 'Add another word or two; uncommon words are better.'
  return `${why} ${hint}`
}

/**
 * `passwordProblem` for a password being set on an account: `about` are what is known of the
 * account holder (e-mail addresses, names; non-strings are skipped), and the studio's name is
 * always added. The one call for every place a password is set.
 */
export const accountPasswordProblem = (password: string, about: unknown[]): string | null =>
  passwordProblem(password, [
    ...about.filter((value): value is string => typeof value === 'string'),
    settings().studioName,
  ])
