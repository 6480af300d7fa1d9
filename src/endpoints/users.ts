import {
  addDataAndFileToRequest,
  APIError,
  type Endpoint,
  generatePayloadCookie,
  headersWithCors,
  parseParams,
  updateByIDOperation,
} from 'payload'
import { z } from 'zod'

import { EMAIL_CHANGE_ANSWER, emailChangeRequested } from '@/account/emailChange'
import { requestPasswordReset } from '@/account/passwordResetRequest'
import { signIn } from '@/account/signIn'
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
    await resendVerificationLink(req, email)
    return json(RESEND_ANSWER)
  }),
}

/**
 * POST /api/users/login `{ email, password }`, in place of Payload's: the same answer (200
 * `{ message, user, token, exp }` with the auth cookie; Payload's error bodies) for the account the
 * address names at the Host's studio (signIn). An A password on B's host is a 401 like any wrong
 * password, whether or not the address has an account at A. The admin panel signs in here too.
 */
export const signInEndpoint: Endpoint = {
  path: '/login',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const depth = Number(req.searchParams.get('depth') ?? Number.NaN)
    const result = await signIn(req, req.data ?? {}, Number.isInteger(depth) ? depth : undefined)
    const auth = req.payload.collections.users.config.auth
    const cookie = generatePayloadCookie({
      collectionAuthConfig: auth,
      cookiePrefix: req.payload.config.cookiePrefix,
      token: result.token,
    })
    const body = { message: req.t('authentication:passed'), ...result }
    if (auth.removeTokenFromResponses) delete (body as { token?: string }).token
    return Response.json(body, {
      headers: headersWithCors({ headers: new Headers({ 'Set-Cookie': cookie }), req }),
    })
  },
}

/**
 * POST /api/users/forgot-password `{ email }`, in place of Payload's: 200 `{ message }` alike for
 * any address (registered at this studio, elsewhere or nowhere); the link goes to the account the
 * address names at the Host's studio (requestPasswordReset). 400 when `email` is missing, as
 * Payload answers. The request guard limits each client (RATE_LIMIT_FORGOT_PASSWORD_POINTS).
 */
export const forgotPasswordEndpoint: Endpoint = {
  path: '/forgot-password',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const email = typeof req.data?.email === 'string' ? req.data.email.trim() : ''
    if (!email) throw new APIError('Missing email.', 400, { field: 'email' }, true)
    await requestPasswordReset(req, email)
    return Response.json(
      { message: req.t('general:success') },
      { headers: headersWithCors({ headers: new Headers(), req }) },
    )
  },
}
