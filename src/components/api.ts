/**
 * The browser's one way to call this app's API (client components and admin components alike):
 * the session cookie goes along, a JSON body is sent as JSON, and a refusal is read in the app's
 * error shape, whichever side answered:
 * - our endpoints (src/endpoints/respond.ts) and the request guard: `{ error, field? }`;
 * - Payload's own REST: `{ errors: [{ message, data?: { errors: [{ path, message }] } }] }`, where a
 *   validation error's own reason (`data.errors[0]`) is the one a person should read.
 * No dependencies, so both bundles (the site's and the admin's) can take it.
 */

/** A refusal's body as either side sends it (any other keys kept: `retryAfter`, `code`...). */
export interface RefusalBody {
  error?: string
  field?: string
  errors?: { message?: string; data?: { errors?: { message?: string; path?: string }[] } }[]
  [key: string]: unknown
}

/** What the API answered: a 2xx with its JSON body, or a refusal with its message and field when it named them. */
export type ApiAnswer<T> =
  | { ok: true; status: number; body: T; error?: undefined; field?: undefined }
  | {
      ok: false
      status: number
      /** The parsed body; null when there was none or it was not JSON (a proxy's error page, a 2xx without JSON). */
      body: RefusalBody | null
      /** The refusal's message: our `error`, else Payload's field reason, else Payload's `errors[0].message`. */
      error?: string
      /** The field the refusal names: our `field`, else a Payload validation error's first path. */
      field?: string
    }

export interface ApiInit {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** FormData as it is (an upload); anything else as JSON; none sends no body. */
  body?: unknown
  /** `no-store` where a stale answer would mislead (a balance, a generation's status). */
  cache?: RequestCache
}

/** The message a person should read from a refusal body (see the module docstring), if it has one. */
export const refusalMessage = (body: RefusalBody | null): string | undefined =>
  body?.error ?? body?.errors?.[0]?.data?.errors?.[0]?.message ?? body?.errors?.[0]?.message

/** The field a refusal body names (`password`, `email`, `tierId`...), if any. */
export const refusalField = (body: RefusalBody | null): string | undefined =>
  body?.field ?? body?.errors?.[0]?.data?.errors?.[0]?.path

/** fetch with the session cookie: for callers that need the Response itself (the admin's populate hook). */
export const apiFetch = (url: string, init: RequestInit = {}): Promise<Response> =>
  fetch(url, { ...init, credentials: 'include' })

const jsonOf = async (response: Response): Promise<unknown> => {
  try {
    return await response.json()
  } catch {
    return null
  }
}

/**
 * Calls the API and reads its JSON answer. Network failures reject (as fetch does): a caller
 * that must survive them catches. A 2xx without a JSON body counts as a refusal without a message.
 */
export const requestJson = async <T = Record<string, unknown>>(
  url: string,
  { method = 'GET', body, cache }: ApiInit = {},
): Promise<ApiAnswer<T>> => {
  const json = body !== undefined && !(body instanceof FormData)
  const response = await apiFetch(url, {
    method,
    ...(cache ? { cache } : {}),
    ...(json ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    ...(body instanceof FormData ? { body } : {}),
  })
  const parsed = await jsonOf(response)
  if (response.ok && parsed !== null) return { ok: true, status: response.status, body: parsed as T }
  const refusal = parsed !== null && typeof parsed === 'object' ? (parsed as RefusalBody) : null
  return {
    ok: false,
    status: response.status,
    body: refusal,
    error: refusalMessage(refusal),
    field: refusalField(refusal),
  }
}

/** GET a JSON resource of this app (see requestJson). */
export const getJson = <T = Record<string, unknown>>(
  url: string,
  init: Pick<ApiInit, 'cache'> = {},
): Promise<ApiAnswer<T>> => requestJson<T>(url, { ...init, method: 'GET' })

/** POST `body` (JSON, or FormData as it is; none for an action without input) and read the JSON answer. */
export const postJson = <T = Record<string, unknown>>(url: string, body?: unknown): Promise<ApiAnswer<T>> =>
  requestJson<T>(url, { method: 'POST', body })

/** The body of a 2xx; a refusal throws an Error with its message (or the status), for callers that toast errors. */
export const bodyOrThrow = <T>(answer: ApiAnswer<T>): T => {
  if (answer.ok) return answer.body
  throw new Error(answer.error ?? `The server answered ${answer.status}.`)
}
