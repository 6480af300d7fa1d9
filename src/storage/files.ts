import { readdir, readFile, stat, unlink } from 'node:fs/promises'
import path from 'node:path'

import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { buildStoragePathData } from '@payloadcms/plugin-cloud-storage/utilities'
import type { Payload } from 'payload'

import { gatewayTimeout } from '@/lib/errors'
import { settings } from '@/lib/settings'

import { isBucketTimeout } from './bucketCalls'
import { s3ClientConfig } from './index'
import { STORAGE_PREFIXES, type StoredCollection } from './prefixes'
import { hasStudioField, studioStoragePrefix } from './studioPrefix'

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

const staticDirOf = (payload: Payload, collection: StoredCollection): string =>
  payload.collections[collection].config.upload.staticDir as string

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
 * hooks call the same storage). Throws when the document has no file or the file is gone, and
 * a 504 DomainError when the bucket does not answer within S3_REQUEST_TIMEOUT_MS.
 */
export const readStoredFile = async (
  payload: Payload,
  collection: StoredCollection,
  file: StoredFileRef,
): Promise<Buffer> => {
  if (!file.filename) throw new Error(`This ${collection} document has no file.`)
  const s3 = settings().s3
  if (s3) {
    try {
      const object = await s3Client(s3).send(
        new GetObjectCommand({ Bucket: s3.bucket, Key: storageKey(collection, file) }),
      )
      if (!object.Body) throw new Error(`The ${collection} file ${file.filename} is empty in the bucket.`)
      return Buffer.from(await object.Body.transformToByteArray())
    } catch (error) {
      if (isBucketTimeout(error))
        throw gatewayTimeout('The file storage did not answer in time. Try again in a minute.')
      throw error
    }
  }
  return readFile(path.resolve(staticDirOf(payload, collection), path.basename(file.filename)))
}

/**
 * The folder (`prefix`) a new file of `collection` for `studio` is stored under: the studio's
 * (./studioPrefix.ts) when the collection has a `studio` field, else the collection's own. For
 * finding files by name that no document names yet (a crashed write's leftovers).
 */
export const newFileFolder = (payload: Payload, collection: StoredCollection, studio: unknown): string =>
  hasStudioField(payload.collections[collection].config.flattenedFields)
    ? studioStoragePrefix(collection, studio)
    : STORAGE_PREFIXES[collection]

/** A stored file found by name rather than through a document: its name, and when it was written. */
export interface StoredName {
  name: string
  storedAt: Date
}

/**
 * Every file of `collection` whose name starts with `namePrefix`, documents or not: objects
 * under `folder` in the bucket (default: the collection's prefix; see newFileFolder), or files in
 * the collection's folder on disk. For finding what a crashed write left without a document.
 */
export const listStoredFiles = async (
  payload: Payload,
  collection: StoredCollection,
  namePrefix: string,
  folder?: string,
): Promise<StoredName[]> => {
  const s3 = settings().s3
  if (s3) {
    const keyPrefix = storageKey(collection, { filename: namePrefix, prefix: folder })
    const keyFolder = keyPrefix.slice(0, keyPrefix.length - namePrefix.length)
    const found: StoredName[] = []
    let token: string | undefined
    do {
      const page = await s3Client(s3).send(
        new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: keyPrefix, ContinuationToken: token }),
      )
      for (const object of page.Contents ?? [])
        if (object.Key)
          found.push({ name: object.Key.slice(keyFolder.length), storedAt: object.LastModified! })
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return found
  }
  const directory = staticDirOf(payload, collection)
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[]
    throw error
  })
  return Promise.all(
    names
      .filter((name) => name.startsWith(namePrefix))
      .map(async (name) => ({ name, storedAt: (await stat(path.join(directory, name))).mtime })),
  )
}

/**
 * Deletes files of `collection` by name, under `folder` in the bucket (as listStoredFiles), for
 * files no document names (a document's own files are deleted by Payload with the document). A
 * name already gone is no error.
 */
export const deleteStoredFiles = async (
  payload: Payload,
  collection: StoredCollection,
  names: string[],
  folder?: string,
): Promise<void> => {
  if (names.length === 0) return
  const s3 = settings().s3
  if (s3) {
    // DeleteObjects takes up to 1000 keys.
    for (let start = 0; start < names.length; start += 1000) {
      const keys = names
        .slice(start, start + 1000)
        .map((filename) => storageKey(collection, { filename, prefix: folder }))
      await s3Client(s3).send(
        new DeleteObjectsCommand({
          Bucket: s3.bucket,
          Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
        }),
      )
    }
    return
  }
  const directory = staticDirOf(payload, collection)
  await Promise.all(
    names.map((name) =>
      unlink(path.join(directory, path.basename(name))).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      }),
    ),
  )
}
