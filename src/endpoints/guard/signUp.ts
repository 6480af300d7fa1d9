import type { Payload } from 'payload'

import { SIGN_UP_ANSWER, signUpForTakenAddress } from '@/account/signUp'

import type { RouteMap } from './routeMap'

/** POST /api/<auth collection> with nothing after the slug: a sign-up (or staff creating a user). */
export const isSignUp = (request: Request, map: RouteMap): boolean => {
  if (request.method !== 'POST') return false
  const segments = new URL(request.url).pathname.slice(map.apiRoute.length).split('/').filter(Boolean)
  return segments.length === 1 && Boolean(map.collections.get(segments[0])?.auth)
}

/** The e-mail and password of a sign-up's JSON body or multipart `_payload`; {} when unreadable. */
const signUpFields = async (request: Request): Promise<{ email?: unknown; password?: unknown }> => {
  const type = (request.headers.get('content-type') ?? '').toLowerCase()
  try {
    if (type.startsWith('application/json')) return JSON.parse(await request.text()) ?? {}
    if (type.startsWith('multipart/form-data')) {
      const fields = (await request.formData()).get('_payload')
      return typeof fields === 'string' ? (JSON.parse(fields) ?? {}) : {}
    }
  } catch {
    // the guard's body checks answered malformed bodies already
  }
  return {}
}

/** Payload's answer refuses the e-mail address alone (taken: every other check passed). */
const refusesOnlyEmail = async (response: Response): Promise<boolean> => {
  if (response.status !== 400) return false
  const body = await response
    .clone()
    .json()
    .catch(() => null)
  const errors = body?.errors?.[0]?.data?.errors
  return Array.isArray(errors) && errors.length > 0 && errors.every((error) => error?.path === 'email')
}

/**
 * An anonymous sign-up: 201 with SIGN_UP_ANSWER whether the address was new or taken (then the
 * owner is e-mailed instead; see signUpForTakenAddress); any other refusal is Payload's.
 */
export const answerSignUp = async (
  payload: Payload,
  request: Request,
  handle: (request: Request) => Promise<Response>,
): Promise<Response> => {
  const { email, password } = await signUpFields(request.clone())
  const response = await handle(request)
  const answer = () => Response.json(SIGN_UP_ANSWER, { status: 201 })
  if (response.status === 201) return answer()
  if (typeof email === 'string' && (await refusesOnlyEmail(response))) {
    if (await signUpForTakenAddress(payload, request.headers, email, password)) return answer()
  }
  return response
}
