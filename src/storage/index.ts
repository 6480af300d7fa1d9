import { s3Storage } from '@payloadcms/storage-s3'
import type { Config, Field, Plugin } from 'payload'

import { settings } from '@/lib/settings'

import { answerBucketFailures, bucketHttpHandler } from './bucketCalls'
import { STORAGE_PREFIXES, type StoredCollection } from './prefixes'
import { hasStudioField, studioPrefixHook } from './studioPrefix'

export { STORAGE_PREFIXES, type StoredCollection } from './prefixes'
export { studioStoragePrefix } from './studioPrefix'

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
  return async (config) => guardStorage(await storage(config), Boolean(s3))
}

const STORAGE_FIELDS = ['prefix', '_objectKey']
const refused = () => false

/**
 * Where a file lives is the adapter's business: `prefix` and `_objectKey` are refused from
 * clients (dropped, then defaulted), so no one can steer an upload into another folder of the
 * bucket. Payload's own writes (local API, overrideAccess) still set them. The adapter's file
 * handlers answer a bucket that failed with 504/502 instead of a bare 500. In the bucket, every
 * collection with a `studio` field (the multi-tenant plugin's, or a server-set one) stores new
 * files under its studio's folder (./studioPrefix.ts). On disk Payload writes each collection's
 * files flat in its staticDir (it has no per-document folder); names there are unique in the
 * collection, and a file is served only through its one document's read access.
 */
const guardStorage = (config: Config, inBucket: boolean): Config => ({
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
          hooks:
            inBucket && hasStudioField(collection.fields)
              ? {
                  ...collection.hooks,
                  // Last: after the adapter's own prefix hook, which would keep the collection's.
                  beforeChange: [
                    ...(collection.hooks?.beforeChange ?? []),
                    studioPrefixHook(collection.slug as StoredCollection),
                  ],
                }
              : collection.hooks,
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
