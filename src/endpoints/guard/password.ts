import { ValidationError } from 'payload'

import { accountPasswordProblem } from '@/account/passwordStrength'

/**
 * Refuses a sign-up or reset-password JSON body whose new password is too weak (see
 * `passwordProblem`) before the rate limit takes a point: a customer trying passwords must not
 * lock their network out of sign-up for ten minutes. The users collection's `rejectWeakPassword`
 * hook refuses the same passwords (it is the rule; this is only its early answer). Throws
 * Payload's ValidationError on `password` (400), the shape the hook's refusal has.
 */
export const refuseWeakPasswordEarly = async (request: Request, collection: string): Promise<void> => {
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) return
  let body: unknown
  try {
    body = JSON.parse(await request.clone().text())
  } catch {
    return // the body checks answer malformed JSON
  }
  if (!body || typeof body !== 'object') return
  const { password, email, name } = body as { password?: unknown; email?: unknown; name?: unknown }
  if (typeof password !== 'string') return
  const problem = accountPasswordProblem(password, [email, name])
  if (problem) throw new ValidationError({ collection, errors: [{ path: 'password', message: problem }] })
}
