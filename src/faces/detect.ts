import { createHash } from 'node:crypto'

import { LRUCache } from 'lru-cache'
import sharp from 'sharp'

import { faceEngine } from './engine'
import { scanRgb } from './inference'

/** The long edge photos are scaled to before detection: the models' accuracy does not need more. */
export const DETECT_EDGE_PX = 1024

/** One face found in a photo. Box and size are in the photo's own pixels (after EXIF rotation). */
export interface DetectedFace {
  /** [x, y, width, height] of the detector's box. */
  box: [number, number, number, number]
  /** The box's larger side, in pixels: how big the face is. */
  sizePx: number
  /** The detector's confidence, 0-1 (blazeface box score). */
  score: number
  /**
   * Sharpness: variance of the Laplacian of the face, greyscale at 128 x 128 px. A sharp
   * portrait measures in the hundreds; a visibly blurred face under about 40.
   */
  sharpness: number
  /** The faceres descriptor: 1024 numbers, compared by cosine similarity. */
  descriptor: number[]
}

export interface FaceScan {
  width: number
  height: number
  faces: DetectedFace[]
  /** Time spent in detection and description, in milliseconds. */
  ms: number
}

const LAPLACIAN = { width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], offset: 128 }

const sharpnessOf = async (image: Buffer, box: DetectedFace['box'], width: number, height: number) => {
  const left = Math.max(0, Math.floor(box[0]))
  const top = Math.max(0, Math.floor(box[1]))
  const cropWidth = Math.min(width - left, Math.ceil(box[2]))
  const cropHeight = Math.min(height - top, Math.ceil(box[3]))
  if (cropWidth < 3 || cropHeight < 3) return 0
  const { data } = await sharp(image)
    .rotate()
    .extract({ left, top, width: cropWidth, height: cropHeight })
    .greyscale()
    .resize(128, 128, { fit: 'fill' })
    .convolve(LAPLACIAN)
    .raw()
    .toBuffer({ resolveWithObject: true })
  let sum = 0
  let squares = 0
  for (const value of data) {
    sum += value
    squares += value * value
  }
  const mean = sum / data.length
  return Math.round((squares / data.length - mean * mean) * 10) / 10
}

interface ScanOptions {
  sharpness?: boolean
  edge?: number
}

/**
 * Scans by content. A scan is a function of the bytes and the options alone (the models are
 * deterministic), and the same bytes come back: a customer uploads the same photo again after a
 * refusal or for another package, an editor runs the prompt lab on one sample photo many times, the
 * offline renderer's previews of one photo and theme are identical. Keyed by SHA-256 of the bytes
 * plus the options; 256 scans (a few kB each: one 1024-number descriptor per face) per process.
 * A scan in progress is shared by the callers that ask for the same key meanwhile; a failed one is
 * not kept.
 */
const scans = new LRUCache<string, FaceScan, { image: Buffer; options: ScanOptions }>({
  max: 256,
  fetchMethod: (_key, _stale, { context }) => scanFaces(context.image, context.options),
})

/**
 * Finds the faces in an image (any format sharp reads) and describes each one. Rejects with
 * FaceEngineUnavailable when the models cannot load, or with sharp's error for bytes it cannot decode.
 * `sharpness: false` skips the blur measure (reported as 0); `edge` scans at a smaller long edge
 * (default DETECT_EDGE_PX). The likeness check uses both: a portrait's face is large, and the models
 * crop and rescale each face to their own input size anyway (scores within 0.005 at 512 px).
 * Bytes scanned before with the same options answer from `scans` with `ms: 0` (a copy the caller
 * may change).
 */
export const detectFaces = async (image: Buffer, options: ScanOptions = {}): Promise<FaceScan> => {
  await faceEngine()
  const key = `${createHash('sha256').update(image).digest('hex')}:${options.edge ?? DETECT_EDGE_PX}:${options.sharpness !== false}`
  const cached = scans.has(key)
  const scan = await scans.fetch(key, { context: { image, options } })
  if (!scan) throw new Error('face scan cache returned nothing')
  return { ...structuredClone(scan), ms: cached ? 0 : scan.ms }
}

const scanFaces = async (image: Buffer, options: ScanOptions): Promise<FaceScan> => {
  const { data, info } = await sharp(image, { limitInputPixels: 50e6 })
    .rotate()
    .resize(options.edge ?? DETECT_EDGE_PX, options.edge ?? DETECT_EDGE_PX, {
      fit: 'inside',
      withoutEnlargement: true,
    })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
  const meta = await sharp(image).rotate().metadata()
  const rotated = (meta.orientation ?? 1) >= 5
  const width = (rotated ? meta.height : meta.width) ?? info.width
  const height = (rotated ? meta.width : meta.height) ?? info.height
  const scale = width / info.width
  // A copy the scan may take over (sharp's buffer may share its memory with others).
  const { faces, ms } = await scanRgb(new Uint8Array(data), info.width, info.height)
  const found = await Promise.all(
    faces.map(async (face): Promise<DetectedFace> => {
      const box = face.box.map((value) => Math.round(value * scale)) as DetectedFace['box']
      return {
        box,
        sizePx: Math.max(box[2], box[3]),
        score: Math.round(face.score * 1000) / 1000,
        sharpness: options.sharpness === false ? 0 : await sharpnessOf(image, box, width, height),
        descriptor: face.embedding.map((value) => Math.round(value * 1e5) / 1e5),
      }
    }),
  )
  return { width, height, faces: found, ms: Math.round(ms) }
}
