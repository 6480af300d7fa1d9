/** Storage and uploads: where files live (S3 or the disk), how big and how many, how long they are kept. */
import { z } from 'zod'

import { flag, httpUrl, later, read, refuse, text, textOr, whole } from './fields'

export { UPLOAD_BODY_ALLOWANCE } from '@server/contract.mjs'

/** The S3 variables besides S3_BUCKET are read (and refused when wrong) only with a bucket. */
export const s3Variables = z.object({
  /** Every upload collection is stored in this bucket (private; served through the app); unset = the disk. */
  S3_BUCKET: text(),
  /** An S3-compatible server (MinIO, R2, a local test server); unset = AWS's. */
  S3_ENDPOINT: later(httpUrl()),
  S3_REGION: later(textOr('us-east-1')),
  /** S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together; unset = the AWS SDK's default credential chain. */
  S3_ACCESS_KEY_ID: text(),
  S3_SECRET_ACCESS_KEY: text(),
  /** 1: `<endpoint>/<bucket>/<key>` URLs (most S3-compatible servers need it). */
  S3_FORCE_PATH_STYLE: later(flag(false)),
  /** Ms to open a connection to the bucket. */
  S3_CONNECT_TIMEOUT_MS: later(whole(5000, 100, 600_000)),
  /** Ms a request may go without a byte either way, per attempt (the SDK tries 3 times). */
  S3_REQUEST_TIMEOUT_MS: later(whole(30_000, 100, 600_000)),
})

export const storageVariables = z.object({
  ...s3Variables.shape,
  /** Public catalog images when S3 is not set. */
  MEDIA_DIR: textOr('media'),
  /** Customer photos, results and test renders when S3 is not set. */
  PRIVATE_MEDIA_DIR: textOr('private-media'),
  /** Largest photo file; a signed-in upload's multipart body may be UPLOAD_BODY_ALLOWANCE more. */
  UPLOAD_MAX_BYTES: whole(15_728_640, 1024, 1_073_741_824),
  /** MiB one photo may take decoded (width x height x channels x bytes per sample, from its header). */
  DECODE_MEMORY_MB: whole(256, 16, 65_536),
  /** Photos decoded at once per process. */
  DECODE_CONCURRENCY: whole(2, 1, 64),
  /** Photos that may wait for a decode per process; past it a 503 + Retry-After. */
  DECODE_QUEUE: whole(8, 0, 10_000),
  /** Photos one customer may have accepted per hour, and 3 times that tried (refused ones too); 0 turns both off. */
  UPLOAD_RATE_PER_HOUR: whole(30, 0),
  /** Photos one customer may keep at once. */
  UPLOAD_MAX_STORED: whole(100, 1),
  /** A customer photo is deleted this many days after its last use. */
  PHOTO_RETENTION_DAYS: whole(30, 1, 36_500),
  /** Portraits are deleted this many days after they were made; the reminder goes a week before, hence 8. */
  PORTRAIT_RETENTION_DAYS: whole(365, 8, 36_500),
  /** An uploaded photo's faces must be at least this many pixels across. */
  FACE_MIN_PX: whole(160, 32, 2048),
  /** The folder of the face models (blazeface, facemesh, faceres); unset = the ones in @vladmandic/human. */
  FACE_MODEL_DIR: text(),
  /** Face threads beside the main thread's models (src/faces/inference.ts): each scans one image at a time. */
  FACE_THREADS: whole(1, 0, 8),
})

type StorageEnv = z.output<typeof storageVariables>

export interface S3Settings {
  bucket: string
  endpoint?: string
  region: string
  credentials?: { accessKeyId: string; secretAccessKey: string }
  forcePathStyle: boolean
  connectTimeoutMs: number
  requestTimeoutMs: number
}

/**
 * S3_BUCKET and friends, or null: uploads stay on the local disk (MEDIA_DIR, PRIVATE_MEDIA_DIR).
 * A key id without its secret (or the reverse) is refused: it would silently fall back to the
 * SDK's default chain and sign with other credentials.
 */
export const toS3 = (env: z.output<typeof s3Variables>): S3Settings | null => {
  const bucket = env.S3_BUCKET
  if (!bucket) return null
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    refuse(
      `S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots, hyphens), got "${bucket}".`,
    )
  const { S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = env
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    refuse(
      accessKeyId
        ? 'S3_SECRET_ACCESS_KEY must be set with S3_ACCESS_KEY_ID.'
        : 'S3_ACCESS_KEY_ID must be set with S3_SECRET_ACCESS_KEY.',
    )
  return {
    bucket,
    endpoint: read(env, 'S3_ENDPOINT')?.replace(/\/$/, ''),
    region: read(env, 'S3_REGION'),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: read(env, 'S3_FORCE_PATH_STYLE'),
    connectTimeoutMs: read(env, 'S3_CONNECT_TIMEOUT_MS'),
    requestTimeoutMs: read(env, 'S3_REQUEST_TIMEOUT_MS'),
  }
}

export const toStorage = (env: StorageEnv) => ({
  s3: toS3(env),
  mediaDir: env.MEDIA_DIR,
  privateMediaDir: env.PRIVATE_MEDIA_DIR,
  uploadMaxBytes: env.UPLOAD_MAX_BYTES,
  /** DECODE_MEMORY_MB in bytes. */
  decodeMemoryBytes: env.DECODE_MEMORY_MB * 1_048_576,
  decodeConcurrency: env.DECODE_CONCURRENCY,
  decodeQueue: env.DECODE_QUEUE,
  uploadRatePerHour: env.UPLOAD_RATE_PER_HOUR,
  uploadMaxStored: env.UPLOAD_MAX_STORED,
  photoRetentionDays: env.PHOTO_RETENTION_DAYS,
  portraitRetentionDays: env.PORTRAIT_RETENTION_DAYS,
  faceMinPx: env.FACE_MIN_PX,
  faceModelDir: env.FACE_MODEL_DIR,
  faceThreads: env.FACE_THREADS,
})
