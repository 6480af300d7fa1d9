import net from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { checkReadiness } from '@/ops/readiness'

import { type LocalS3, startLocalS3 } from '../../support/servers/s3Server'

/** /readyz's bucket check (src/ops/readiness.ts) against a local S3 server, a missing bucket and one that never answers. */
describe('readiness: the S3 bucket', () => {
  let s3: LocalS3
  let silent: net.Server
  const sockets = new Set<net.Socket>()
  const saved = { ...process.env }

  beforeAll(async () => {
    s3 = await startLocalS3()
    // Takes connections and never answers: the check must give up on its own.
    silent = net.createServer((socket) => sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  })

  afterAll(async () => {
    process.env = saved
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => silent.close(resolve))
    await s3.stop()
  })

  const s3Check = async () => {
    const started = performance.now()
    const readiness = await checkReadiness()
    return {
      ms: performance.now() - started,
      readiness,
      s3: readiness.checks.find((check) => check.name === 's3'),
    }
  }

  it('is ready with the bucket, and names s3 with a code when the bucket is missing or silent', async () => {
    Object.assign(process.env, s3.env)
    const ok = await s3Check()
    expect(ok.s3).toMatchObject({ ok: true })
    expect(ok.readiness.status).toBe('ready')

    process.env.S3_BUCKET = 'no-such-bucket-here'
    const missing = await s3Check()
    expect(missing.s3).toMatchObject({ ok: false, error: 'NotFound' })
    expect(missing.readiness.status).toBe('unavailable')

    process.env.S3_BUCKET = s3.bucket
    process.env.S3_ENDPOINT = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`
    const hung = await s3Check()
    expect(hung.s3).toMatchObject({ ok: false })
    expect(hung.ms).toBeLessThan(2000)
    expect(JSON.stringify(hung.readiness)).not.toContain(s3.env.S3_SECRET_ACCESS_KEY)
  }, 60_000)
})
