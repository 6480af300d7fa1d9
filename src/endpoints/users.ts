import {
  addDataAndFileToRequest,
  type Endpoint,
  headersWithCors,
  parseParams,
  updateByIDOperation,
} from 'payload'
import { z } from 'zod'

import { EMAIL_CHANGE_ANSWER, emailChangeRequested } from '@/account/emailChange'
import { RESEND_ANSWER, resendVerificationLink, verifyAccount } from '@/account/verification'
import { textSchema } from '@/lib/input'

import { endpoint, json, parse, readJson } from './respond'

/**
 * PATCH /api/users/<id>, in place of Payload's own update endpoint: the same operation and the
 * same `{ doc, message }` answer, except that a request to change the e-mail address answers
 * `message` = EMAIL_CHANGE_ANSWER (a link was sent to the new address; the address in `doc` is
 * still the old one until it is opened), as POST /api/account/settings does. The admin panel
 * shows this message after a save. Errors are the operation's (400 naming currentPassword, ...).
 */
export const updateUserEndpoint: Endpoint = {
  path: '/:id',
  method: 'patch',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const { depth, draft, populate, select } = parseParams(req.query as Record<string, unknown>)
    const doc = await updateByIDOperation({
      // As Payload's handler reads a numeric id (parseFloat; NaN finds no document).
      id: parseFloat(String(req.routeParams?.id)),
      collection: req.payload.collections.users,
      data: req.data ?? {},
      depth,
      draft,
      populate,
      req,
      select,
    })
    const message = emailChangeRequested(req) ? EMAIL_CHANGE_ANSWER : req.t('general:updatedSuccessfully')
    return Response.json({ doc, message }, { headers: headersWithCors({ headers: new Headers(), req }) })
  },
}

const tokenSchema = textSchema('token', 100).min(
  1,
  'the link has no token: open the whole link from the e-mail.',
)

/**
 * POST /api/users/verify/<token>, in place of Payload's own: the link mailed at sign-up confirms
 * the account's address (verifyAccount: trial shoots and welcome with it). 200 `{ email, message }`;
 * 400 naming `token` when the link was used, replaced or is over 48 hours old (`expired: true`).
 * It does not sign in: the visitor signs in with their password next (the /verify page).
 */
export const verifyEmailEndpoint: Endpoint = {
  path: '/verify/:token',
  method: 'post',
  handler: endpoint(async (req) => {
    const token = parse(tokenSchema, safeDecodeParam(req.routeParams?.token), 'token')
    const { email } = await verifyAccount(req, token)
    return json({ email, message: 'Your e-mail address is confirmed: sign in to start.' })
  }),
}

const safeDecodeParam = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

const resendBody = z.object({
  email: z
    .email({ error: 'type an e-mail address such as you@example.com.' })
    .max(254, 'is at most 254 characters.'),
})

/**
 * POST /api/users/resend-verification `{ email }`: a new sign-up link when that address has an
 * account waiting to be confirmed (resendVerificationLink, at most 3 an hour per address). Always
 * 200 RESEND_ANSWER for a well-formed address, registered or not; 400 naming `email` otherwise.
 * The request guard limits each client as it does forgot-password.
 */
export const resendVerificationEndpoint: Endpoint = {
  path: '/resend-verification',
  method: 'post',
  handler: endpoint(async (req) => {
    const { email } = parse(resendBody, await readJson(req))
    await resendVerificationLink(req.payload, email)
    return json(RESEND_ANSWER)
  }),
}
