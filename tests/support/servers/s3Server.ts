import { mkdtempSync, rmSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
// s3rver ships no types; it is a Koa application.
// @ts-expect-error no declaration file
import S3rver from 's3rver'

export interface LocalS3 {
  /** http://127.0.0.1:<port>, for S3_ENDPOINT. */
  endpoint: string
  bucket: string
  /** The env that points the app (and its child processes) at this server. */
  env: Record<string, string>
  /** The real AWS SDK pointed at the server, with the server's key pair. */
  client: S3Client
  /** Every object key in the bucket (optionally under a prefix). */
  keys: (prefix?: string) => Promise<string[]>
  /**
   * From now on, a PUT of a key `pattern` matches is stored and then left unanswered (until
   * `release`): the writer sees its upload hang after the object exists, as it would if it died
   * between its upload and anything it does next. `held()` lists the keys stored so far.
   */
  holdPuts: (pattern: RegExp) => Hold
  /**
   * From now on, a read (GET or HEAD) of a key `pattern` matches is accepted and left unanswered
   * (until `release`, when it is answered as usual): a bucket that takes the connection and then
   * never answers. `held()` lists the keys asked for so far.
   */
  holdReads: (pattern: RegExp) => Hold
  stop: () => Promise<void>
}

export interface Hold {
  held: () => string[]
  release: () => void
}

interface KoaContext {
  method: string
  path: string
  query: Record<string, unknown>
  req: IncomingMessage
  status: number
  type: string
  body: string
}

// s3rver's fixed account (any request signed with another key is refused with 403).
const ACCESS_KEY_ID = 'S3RVER'
const SECRET_ACCESS_KEY = 'S3RVER'

/**
 * A real S3-compatible HTTP server (s3rver, storing to a temporary folder) with one bucket.
 *
 * s3rver checks every signed request's signature but keeps no ACLs: it answers an unsigned GET
 * of any object. Real S3 refuses that unless the object (or bucket) was made public, so a small
 * middleware in front restores that rule: it remembers the `x-amz-acl` each object was written
 * with, and answers an anonymous read of anything not written `public-read` with S3's 403
 * AccessDenied. The app must therefore never write a public object for that read to pass.
 */
export const startLocalS3 = async (bucket = 'photo-packages-test'): Promise<LocalS3> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pp-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  })
  const publicKeys = new Set<string>()
  type Held = { methods: string[]; stored: boolean; pattern: RegExp; keys: string[] }
  const holds: (Held & { released: Promise<void>; release: () => void })[] = []
  const holdOf = (ctx: KoaContext, stored: boolean) => {
    const key = ctx.path.slice(`/${bucket}/`.length)
    const hold = holds.find(
      (h) => h.stored === stored && h.methods.includes(ctx.method) && h.pattern.test(key),
    )
    hold?.keys.push(key)
    return hold
  }
  const addHold = (held: Omit<Held, 'keys'>): Hold => {
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    const hold = { ...held, keys: [] as string[], released, release }
    holds.push(hold)
    return { held: () => [...hold.keys], release }
  }
  const isSigned = (ctx: KoaContext) =>
    'authorization' in ctx.req.headers || 'Signature' in ctx.query || 'X-Amz-Algorithm' in ctx.query
  ;(server as { middleware: unknown[] }).middleware.unshift(
    async (ctx: KoaContext, next: () => Promise<void>) => {
      const acl = String(ctx.req.headers['x-amz-acl'] ?? '')
      if (ctx.method === 'PUT' && acl) {
        if (acl.startsWith('public-read')) publicKeys.add(ctx.path)
        else publicKeys.delete(ctx.path)
      }
      if (!isSigned(ctx) && !publicKeys.has(ctx.path)) {
        ctx.status = 403
        ctx.type = 'application/xml'
        ctx.body =
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
        return
      }
      const unanswered = holdOf(ctx, false)
      if (unanswered) await unanswered.released
      await next()
      const stored = ctx.status === 200 && holdOf(ctx, true)
      if (stored) await stored.released
    },
  )
  const address = (await server.run()) as AddressInfo
  const endpoint = `http://127.0.0.1:${address.port}`
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
  })
  return {
    endpoint,
    bucket,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      S3_FORCE_PATH_STYLE: '1',
    },
    client,
    keys: async (prefix) => {
      const keys: string[] = []
      let token: string | undefined
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        )
        keys.push(...(page.Contents ?? []).map((object) => object.Key as string))
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
      return keys
    },
    holdPuts: (pattern) => addHold({ methods: ['PUT'], stored: true, pattern }),
    holdReads: (pattern) => addHold({ methods: ['GET', 'HEAD'], stored: false, pattern }),
    stop: async () => {
      for (const hold of holds) hold.release()
      client.destroy()
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
