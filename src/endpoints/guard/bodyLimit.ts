import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'

import getRawBody from 'raw-body'

import { badRequest, DomainError } from '@/lib/errors'
import { idFromText } from '@/lib/input'
import { settings, UPLOAD_BODY_ALLOWANCE } from '@/lib/settings'

import { bodyTooLargeMessage } from '@server/contract.mjs'

import type { CollectionRoutes } from './routeMap'

/** The 413's message, shared with the front (server/contract.mjs), which answers the same 413. */
export { bodyTooLargeMessage }

/** 413 Content Too Large (RFC 9110 §15.5.14), naming the limit in bytes. */
export const bodyTooLarge = (limit: number): DomainError =>
  new DomainError(413, bodyTooLargeMessage(limit), { field: 'body', limit })

/**
 * Whether a request may carry a photo file: a create or update of an upload collection, or the
 * prompt lab's test render (server/bodyLimit.mjs keeps the same list for the front).
 */
export const takesFile = (
  method: string,
  collection: CollectionRoutes | undefined,
  segments: string[],
): boolean => {
  if (method !== 'POST' && method !== 'PATCH') return false
  const rest = segments.slice(1)
  if (collection?.upload) return rest.length === 0 || (rest.length === 1 && idFromText(rest[0]) !== null)
  return (
    segments.length === 4 &&
    segments[0] === 'admin' &&
    segments[1] === 'themes' &&
    segments[3] === 'test-render'
  )
}

/**
 * The most bytes this request's body may have: UPLOAD_MAX_BYTES (+ UPLOAD_BODY_ALLOWANCE for the
 * multipart framing) on a file route for a signed-in user, BODY_MAX_BYTES everywhere else. The
 * sign-in is checked (`signedIn`) before a byte is read, so an anonymous client never gets more
 * than the smaller limit buffered, whatever cookie it shows.
 */
export const bodyLimitFor = async (fileRoute: boolean, signedIn: () => Promise<boolean>): Promise<number> => {
  const { bodyMaxBytes, uploadMaxBytes } = settings()
  return fileRoute && (await signedIn()) ? uploadMaxBytes + UPLOAD_BODY_ALLOWANCE : bodyMaxBytes
}

/**
 * Reads the body from its stream, keeping at most `limit` bytes (raw-body): a Content-Length over
 * the limit is refused before anything is read, a longer stream as soon as it passes the limit.
 * Errors: 413 naming the limit; 400 (field `body`) for a body that ends short of its
 * Content-Length or breaks off.
 */
export const readBodyWithin = async (request: Request, limit: number): Promise<Buffer> => {
  if (!request.body) return Buffer.alloc(0)
  const length = request.headers.get('content-length')
  try {
    return await getRawBody(Readable.fromWeb(request.body as NodeReadableStream), {
      limit,
      length: length === null ? undefined : length,
    })
  } catch (error) {
    const type = (error as { type?: string }).type
    if (type === 'entity.too.large') throw bodyTooLarge(limit)
    if (type === 'request.size.invalid')
      throw badRequest('The request body does not match its Content-Length.', { field: 'body' })
    throw badRequest('The request body broke off before its end.', { field: 'body' })
  }
}
