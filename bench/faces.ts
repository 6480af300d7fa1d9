import { readFile } from 'node:fs/promises'

import { detectFaces, faceEngine } from '@/faces'

import { FACE_FIXTURES, type FaceFixture, faceFixture } from '../tests/fixtures/make-face-fixtures'
import { ownPeakRssMiB } from './support'

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/**
 * The face check on this process (one core of the WASM backend): model load time, then
 * detect + descriptor per image over every face fixture (up to 1024 px; BENCH_FACE_ROUNDS rounds,
 * default 5), p50/p95 for photos with and without a face, and this process's peak RSS.
 */
export const benchFaces = async () => {
  const rounds = Number(process.env.BENCH_FACE_ROUNDS ?? 5)
  const started = performance.now()
  await faceEngine()
  const loadMs = Math.round(performance.now() - started)
  const images = await Promise.all(
    (Object.keys(FACE_FIXTURES) as FaceFixture[]).map(async (name) => ({
      name,
      data: await readFile(faceFixture(name)),
    })),
  )
  // One unmeasured pass: the first inference of each model compiles its WASM kernels.
  for (const image of images) await detectFaces(image.data)
  const withFace: number[] = []
  const withoutFace: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const image of images) {
      const begun = performance.now()
      const scan = await detectFaces(image.data)
      ;(scan.faces.length ? withFace : withoutFace).push(performance.now() - begun)
    }
  }
  const summary = (values: number[]) => ({
    images: values.length,
    p50Ms: Math.round(percentile(values, 50)),
    p95Ms: Math.round(percentile(values, 95)),
  })
  return {
    loadMs,
    withFace: summary(withFace),
    withoutFace: summary(withoutFace),
    peakRssMiB: ownPeakRssMiB(process.pid),
  }
}
