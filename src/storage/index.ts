import { s3Storage } from '@payloadcms/storage-s3'
import type { Config, Field, Plugin } from 'payload'

import { settings } from '@/lib/settings'

import { answerBucketFailures, bucketHttpHandler } from './bucketCalls'

/**
 * Where each upload collection keeps its files: a folder under MEDIA_DIR / PRIVATE_MEDIA_DIR on
 * disk, or the same name as the key prefix in the S3 bucket.
 */
export const STORAGE_PREFIXES = {
  media: 'media',
  'photo-uploads': 'uploads',
  'generation-results': 'results',
  'test-renders': 'test-renders',
} as const

export type StoredCollection = keyof typeof STORAGE_PREFIXES

/**
 * Payload's S3 adapter for every upload collection when S3_BUCKET is set; off otherwise, so files
 * stay on the local disk exactly as before. `alwaysInsertFields` gives both modes one schema (the
 * `prefix` and `_objectKey` columns), so the same migrations serve disk and S3 deployments.
 *
 * Files are never public: the bucket is written without an ACL (private, the bucket's default),
 * and every read goes through Payload's `/api/<collection>/file/<name>` route, which checks the
 * collection's read access and then streams the object from the bucket (no signed or public URL
 * ever reaches a browser). Writes and deletes go through the adapter (Payload's upload hooks);
 * our own reads go through ./files.ts. A bucket that stops answering fails a call after
 * S3_REQUEST_TIMEOUT_MS (./bucketCalls.ts); the file route then answers 504 rather than hang.
 */
export const uploadStorage = (): Plugin => {
  const s3 = settings().s3
  const storage = s3Storage({
    enabled: Boolean(s3),
    alwaysInsertFields: true,
    bucket: s3?.bucket ?? 'disabled',
    config: s3 ? s3ClientConfig(s3) : {},
    collections: Object.fromEntries(
      Object.entries(STORAGE_PREFIXES).map(([slug, prefix]) => [slug, { prefix }]),
    ),
  })
  return async (config) => guardStorage(await storage(config))
}

const STORAGE_FIELDS = ['prefix', '_objectKey']
const refused = () => false

/**
 * Where a file lives is the adapter's business: `prefix` and `_objectKey` are refused from
 * clients (dropped, then defaulted), so no one can steer an upload into another folder of the
 * bucket. Payload's own writes (local API, overrideAccess) still set them. The adapter's file
 * handlers answer a bucket that failed with 504/502 instead of a bare 500.
 */
const guardStorage = (config: Config): Config => ({
  ...config,
  collections: config.collections?.map((collection) =>
    collection.slug in STORAGE_PREFIXES
      ? {
          ...collection,
          fields: collection.fields.map((field): Field =>
            field.type === 'text' && STORAGE_FIELDS.includes(field.name)
              ? { ...field, access: { ...field.access, create: refused, update: refused } }
              : field,
          ),
          upload:
            typeof collection.upload === 'object'
              ? { ...collection.upload, handlers: collection.upload.handlers?.map(answerBucketFailures) }
              : collection.upload,
        }
      : collection,
  ),
})

/** The AWS SDK client options for S3_*, timeouts included (also used by ./files.ts). */
export const s3ClientConfig = (s3: NonNullable<ReturnType<typeof settings>['s3']>) => ({
  region: s3.region,
  endpoint: s3.endpoint,
  forcePathStyle: s3.forcePathStyle,
  credentials: s3.credentials,
  requestHandler: bucketHttpHandler(s3),
})
