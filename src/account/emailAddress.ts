import { email as payloadEmail } from 'payload/shared'
import type { EmailFieldValidation } from 'payload'
import { z } from 'zod'

/**
 * Longest address, in characters: a forward-path is at most 256 octets with its angle brackets
 * (RFC 5321 §4.5.3.1.3), so 254 for the address; its local part at most 64 (§4.5.3.1.1).
 */
export const MAX_EMAIL_LENGTH = 254
export const MAX_EMAIL_LOCAL_PART_LENGTH = 64

/** Why `address` is too long to be an e-mail address (RFC 5321 §4.5.3.1), or null. */
export const emailLengthProblem = (address: string): string | null => {
  if (address.length > MAX_EMAIL_LENGTH) return `An e-mail address is at most ${MAX_EMAIL_LENGTH} characters.`
  const at = address.lastIndexOf('@')
  if (at > MAX_EMAIL_LOCAL_PART_LENGTH)
    return `The part of an e-mail address before the @ is at most ${MAX_EMAIL_LOCAL_PART_LENGTH} characters.`
  return null
}

/** The users' `email` validation: Payload's format check, then the RFC 5321 lengths. */
export const validateEmailAddress: EmailFieldValidation = (value, options) => {
  if (typeof value === 'string') {
    const problem = emailLengthProblem(value)
    if (problem) return problem
  }
  return payloadEmail(value, options)
}

const emailFormat = z.email()

/** Why `address` cannot be an account's e-mail address (format, then RFC 5321 lengths), or null. */
export const emailAddressProblem = (address: string): string | null =>
  emailLengthProblem(address) ??
  (emailFormat.safeParse(address).success ? null : 'Type an e-mail address such as you@example.com.')
