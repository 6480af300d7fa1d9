import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { buildStoragePathData } from '@payloadcms/plugin-cloud-storage/utilities'
import type { Payload } from 'payload'

import { settings } from '@/lib/settings'

import { s3ClientConfig, STORAGE_PREFIXES, type StoredCollection } from './index'

/** What locates a stored file: the document's `filename`, and where the S3 adapter put it. */
export interface StoredFileRef {
  filename?: string | null
  prefix?: string | null
  _objectKey?: string | null
}

const holder = globalThis as typeof globalThis & { __photoPackagesS3?: { key: string; client: S3Client } }

/** One SDK client per process and S3 configuration (Next bundles this module more than once). */
const s3Client = (s3: NonNullable<ReturnType<typeof settings>['s3']>): S3Client => {
  const key = JSON.stringify(s3)
  if (holder.__photoPackagesS3?.key !== key) {
    holder.__photoPackagesS3?.client.destroy()
    holder.__photoPackagesS3 = { key, client: new S3Client(s3ClientConfig(s3)) }
  }
  return holder.__photoPackagesS3.client
}

/**
 * The object key of a stored file in the bucket, as Payload's S3 adapter wrote it: the
 * document's prefix (with its `_objectKey` folder, if any) or the collection's, then the name.
 */
export const storageKey = (collection: StoredCollection, file: StoredFileRef): string => {
  const folder = [file.prefix, file._objectKey].filter(Boolean).join('/')
  return buildStoragePathData({
    collectionPrefix: STORAGE_PREFIXES[collection],
    docPrefix: folder,
    filename: file.filename as string,
  }).storageFilePath
}

/**
 * The bytes of a stored upload (customer photo, portrait, test render, media), full size: from
 * the S3 bucket when S3_BUCKET is set, else from the collection's folder on the local disk. The
 * one place our code reads an upload's file; writes and deletes go through Payload (its upload
 * hooks call the same storage). Throws when the document has no file or the file is gone.
 */
export const readStoredFile = async (
  payload: Payload,
  collection: StoredCollection,
  file: StoredFileRef,
): Promise<Buffer> => {
  if (!file.filename) throw new Error(`This ${collection} document has no file.`)
  const s3 = settings().s3
  if (s3) {
    const object = await s3Client(s3).send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: storageKey(collection, file) }),
    )
    if (!object.Body) throw new Error(`The ${collection} file ${file.filename} is empty in the bucket.`)
    return Buffer.from(await object.Body.transformToByteArray())
  }
  const staticDir = payload.collections[collection].config.upload.staticDir as string
  return readFile(path.resolve(staticDir, path.basename(file.filename)))
}
