import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'

import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import sharp from 'sharp'

import { ApiClient } from '../tests/support/clients/client'
import { startChild, tsxArgs } from '../tests/support/processes/child'
import { uploadPhoto } from '../tests/support/fixtures/generation'
import {
  childPids,
  cpuMs,
  load,
  type LoadResult,
  median,
  medianRun,
  ownCpuMs,
  ownPeakRssMiB,
  peakRssMiB,
  startBareServer,
  startProductionApp,
} from './support'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 5)
const root = path.resolve(import.meta.dirname, '..')
const CUSTOMER = { email: 'customer@photo-packages.local', password: 'bench-customer-pass' }

/**
 * A customer's photo as a phone sends it: 1638 × 2048 px (3.4 MP, the stored long edge is at most
 * 2048), with grain so the JPEG is photo-sized rather than a flat gradient's few kB.
 */
const photoJpeg = async (): Promise<Buffer> => {
  const size = { width: 1638, height: 2048, channels: 3 as const }
  const grain = await sharp({
    create: { ...size, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 12 } },
  })
    .png()
    .toBuffer()
  return sharp({ create: { ...size, background: '#b49a7e' } })
    .composite([{ input: grain, blend: 'overlay' }])
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** s3rver (bench/s3Server.ts) in a process of its own; resolves with its S3_* env. */
const startS3 = async () => {
  const s3 = startChild(process.execPath, tsxArgs('bench/s3Server.ts'), {
    cwd: root,
    timeoutMs: 3600_000,
    label: 's3rver',
    echo: false,
  })
  const deadline = Date.now() + 60_000
  for (;;) {
    const match = /^S3 (\{.*\})$/m.exec(s3.output())
    if (match)
      return { env: JSON.parse(match[1]) as Record<string, string>, pid: s3.child.pid!, stop: s3.stop }
    if (Date.now() > deadline || s3.child.exitCode !== null) throw s3.failure('never listened')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** CPU readers (ms so far) of a production app: the front (server/front.mjs) and its Next.js child. */
const appCpu = (pid: number) => ({
  front: () => ownCpuMs(pid),
  next: () => childPids(pid).reduce((sum, child) => sum + cpuMs(child), 0),
})

/** A wrk run with the CPU each given process spent per request (ms), to see where the time goes. */
const measured = async (
  name: string,
  url: string,
  headers: string[],
  cpu: Record<string, () => number>,
): Promise<LoadResult & { cpuMsPerRequest: Record<string, number> }> => {
  const before = Object.fromEntries(Object.entries(cpu).map(([label, read]) => [label, read()]))
  const result = await load(name, url, { headers, seconds: ROUND_SECONDS })
  const requests = Math.max(1, result.requestsPerSecond * ROUND_SECONDS)
  const cpuMsPerRequest = Object.fromEntries(
    Object.entries(cpu).map(([label, read]) => [label, +((read() - before[label]) / requests).toFixed(2)]),
  )
  return { ...result, cpuMsPerRequest }
}

/** The customer's upload on one app: where its file and thumbnail are served, and the auth header. */
const uploadedPhoto = async (base: string, bytes: Buffer) => {
  const client = await new ApiClient(base).login(CUSTOMER.email, CUSTOMER.password)
  const upload = await uploadPhoto(client, bytes, 'photo.jpg')
  if (upload.status !== 201)
    throw new Error(`upload answered ${upload.status}: ${JSON.stringify(upload.body)}`)
  const doc = upload.body.doc
  // Payload gives absolute URLs (SERVER_URL is set); on loopback either way.
  const url = new URL(doc.url, base).href
  const headers = [`Authorization: JWT ${client.token}`]
  const file = await fetch(url, { headers: { authorization: `JWT ${client.token}` } })
  const served = Buffer.from(await file.arrayBuffer())
  if (file.status !== 200) throw new Error(`${url} answered ${file.status}`)
  const anonymous = (await fetch(url)).status
  const thumbnail = new URL(doc.sizes.thumbnail.url, base).href
  return { url, thumbnail, filename: doc.filename as string, headers, served, anonymous }
}

/**
 * Serving a private file through Payload's `/api/photo-uploads/file/<name>` (the collection's
 * read access, then the bytes) from the local disk against from S3: two production apps
 * (server/front.mjs, each on a fresh seeded Postgres database), one storing on a temporary folder, the
 * other in a bucket on s3rver (its own process, on loopback, so the S3 figure has no network
 * latency in it: real S3 adds a round trip per request). The seeded customer uploads the same
 * ~0.9 MB photo to each; wrk (32 connections, its own process) fetches it with the customer's
 * JWT. Ceilings: a bare node:http server with the stored bytes, and s3rver alone (a presigned
 * GET of the object). Bare, disk, S3 and s3rver-alone runs alternate for BENCH_ROUNDS rounds (3)
 * of BENCH_ROUND_SECONDS (5 s); each figure is its median round; the 256 px thumbnail (a few kB)
 * is measured once per store. Each run records the CPU ms per request of the app (the front,
 * server/front.mjs, and its Next.js child, which runs Payload) and of s3rver.
 */
export const benchFiles = async () => {
  const mediaRoot = mkdtempSync(path.join(tmpdir(), 'pp-bench-files-'))
  const s3 = await startS3()
  const seed = { SEED_CUSTOMER_PASSWORD: CUSTOMER.password }
  const stops: (() => Promise<void>)[] = [s3.stop, async () => rmSync(mediaRoot, { recursive: true })]
  try {
    // One after the other: two next builds' worth of boot at once starves a two-core machine.
    const disk = await startProductionApp('pp_bench_disk', {
      ...seed,
      MEDIA_DIR: path.join(mediaRoot, 'media'),
      PRIVATE_MEDIA_DIR: path.join(mediaRoot, 'private'),
    })
    stops.unshift(disk.stop)
    const bucket = await startProductionApp('pp_bench_s3', { ...seed, ...s3.env })
    stops.unshift(bucket.stop)

    const bytes = await photoJpeg()
    const onDisk = await uploadedPhoto(disk.base, bytes)
    const inS3 = await uploadedPhoto(bucket.base, bytes)
    const bodyFile = path.join(mediaRoot, 'stored-photo.jpg')
    writeFileSync(bodyFile, onDisk.served)
    const bare = await startBareServer(bodyFile)
    stops.unshift(bare.stop)

    const loadBefore = loadavg().map((n) => +n.toFixed(2))
    // The stored object straight from s3rver (a presigned GET): the S3 store's own ceiling here.
    const s3Client = new S3Client({
      endpoint: s3.env.S3_ENDPOINT,
      region: s3.env.S3_REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY },
    })
    const direct = await getSignedUrl(
      s3Client,
      new GetObjectCommand({ Bucket: s3.env.S3_BUCKET, Key: `uploads/${inS3.filename}` }),
      { expiresIn: 3600 },
    )
    s3Client.destroy()

    const s3rver = { s3rver: () => cpuMs(s3.pid) }
    const onDiskCpu = appCpu(disk.server.pid!)
    const onS3Cpu = { ...appCpu(bucket.server.pid!), ...s3rver }
    const runs: Record<'bare' | 'disk' | 's3' | 'direct', Awaited<ReturnType<typeof measured>>[]> = {
      bare: [],
      disk: [],
      s3: [],
      direct: [],
    }
    for (let round = 0; round < ROUNDS; round++) {
      runs.bare.push(await measured('bare node:http (same bytes, own process)', bare.url, [], {}))
      runs.disk.push(await measured('photo from local disk', onDisk.url, onDisk.headers, onDiskCpu))
      runs.s3.push(await measured('photo from S3 (s3rver)', inS3.url, inS3.headers, onS3Cpu))
      runs.direct.push(await measured('s3rver alone (presigned GET)', direct, [], s3rver))
    }
    const thumbnails = [
      await measured('thumbnail from local disk', onDisk.thumbnail, onDisk.headers, onDiskCpu),
      await measured('thumbnail from S3 (s3rver)', inS3.thumbnail, inS3.headers, onS3Cpu),
    ]
    const roundRatio = (of: LoadResult[], to: LoadResult[]) =>
      +median(of.map((run, i) => run.requestsPerSecond / to[i].requestsPerSecond)).toFixed(3)
    return {
      photoBytes: { uploaded: bytes.length, stored: onDisk.served.length },
      sameBytesFromBoth: onDisk.served.equals(inS3.served),
      anonymousStatus: { disk: onDisk.anonymous, s3: inS3.anonymous },
      results: [
        medianRun(runs.bare),
        medianRun(runs.disk),
        medianRun(runs.s3),
        medianRun(runs.direct),
        ...thumbnails,
      ],
      ratios: {
        s3VsDisk: roundRatio(runs.s3, runs.disk),
        diskVsBare: roundRatio(runs.disk, runs.bare),
        s3VsBare: roundRatio(runs.s3, runs.bare),
        s3VsS3rverAlone: roundRatio(runs.s3, runs.direct),
        thumbnailS3VsDisk: +(thumbnails[1].requestsPerSecond / thumbnails[0].requestsPerSecond).toFixed(3),
      },
      rounds: ROUNDS,
      loadAverage: { before: loadBefore, after: loadavg().map((n) => +n.toFixed(2)) },
      peakRssMiB: {
        // server/front.mjs (the front) and its Next.js child, for each store.
        diskFront: ownPeakRssMiB(disk.server.pid!),
        diskNext: Math.max(0, ...childPids(disk.server.pid!).map(peakRssMiB)),
        s3Front: ownPeakRssMiB(bucket.server.pid!),
        s3Next: Math.max(0, ...childPids(bucket.server.pid!).map(peakRssMiB)),
        s3rver: peakRssMiB(s3.pid),
        bareBaseline: peakRssMiB(bare.pid),
      },
    }
  } finally {
    for (const stop of stops) await stop().catch(() => undefined)
  }
}
