import { AsyncLocalStorage } from 'node:async_hooks'

import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { UploadConfig } from 'payload'

import type { S3Settings } from '@/lib/settings'

/** What the bucket did during one file request: the transport failure of its last call, if any. */
interface BucketCall {
  failure?: unknown
}

const bucketCalls = new AsyncLocalStorage<BucketCall>()

/**
 * The AWS SDK's HTTP handler (which by default waits for ever) with bounded waits:
 * S3_CONNECT_TIMEOUT_MS to connect, S3_REQUEST_TIMEOUT_MS without a byte either way
 * (`socketTimeout`, the idle timer: a bucket that never answers, or a body that stalls
 * mid-stream). Not `requestTimeout`: in @smithy/node-http-handler 4.x that is a deadline up to
 * the answer's headers, upload included, which only logs a warning unless
 * `throwOnRequestTimeout` is set, and would cut off a slow but moving transfer. A failed call is
 * recorded for the file route (`answerBucketFailures`). Keeps the agent settings Payload's S3
 * adapter uses when it builds the handler itself.
 */
class BucketHttpHandler extends NodeHttpHandler {
  override async handle(...args: Parameters<NodeHttpHandler['handle']>) {
    const call = bucketCalls.getStore()
    try {
      const answer = await super.handle(...args)
      if (call) call.failure = undefined
      return answer
    } catch (error) {
      if (call) call.failure = error
      throw error
    }
  }
}

export const bucketHttpHandler = (s3: Pick<S3Settings, 'connectTimeoutMs' | 'requestTimeoutMs'>) =>
  new BucketHttpHandler({
    connectionTimeout: s3.connectTimeoutMs,
    socketTimeout: s3.requestTimeoutMs,
    httpAgent: { keepAlive: true, maxSockets: 100 },
    httpsAgent: { keepAlive: true, maxSockets: 100 },
  })

/** True for the SDK's error when the bucket did not connect or answer within the timeouts above. */
export const isBucketTimeout = (error: unknown): boolean =>
  error instanceof Error && error.name === 'TimeoutError'

type FileHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * Wraps Payload's S3 file handler (`/api/<collection>/file/<name>`), which answers any failed
 * read of the bucket with a bare 500. When the bucket itself failed (no answer in time, or no
 * connection), that is an upstream failure, answered as a gateway would: 504 for a timeout, 502
 * otherwise, each with a message. Any other answer passes through as it is.
 */
export const answerBucketFailures =
  (handler: FileHandler): FileHandler =>
  // Payload's type takes Promise<Response> or Promise<void>, not a promise of either.
  (req, args) =>
    answerOf(handler, req, args) as Promise<Response>

const answerOf = async (
  handler: FileHandler,
  ...[req, args]: Parameters<FileHandler>
): Promise<Response | void> => {
  const call: BucketCall = {}
  const response = await bucketCalls.run(call, () => handler(req, args))
  if (!(response instanceof Response) || response.status !== 500 || call.failure === undefined)
    return response
  const timedOut = isBucketTimeout(call.failure)
  return Response.json(
    {
      errors: [
        {
          message: timedOut
            ? 'The file storage did not answer in time. Try again in a minute.'
            : 'The file storage could not be reached. Try again in a minute.',
        },
      ],
    },
    { status: timedOut ? 504 : 502, headers: { 'Retry-After': '60' } },
  )
}
