import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import type { Human } from '@vladmandic/human'

import { settings } from '@/lib/settings'

import { type HumanPaths, loadHuman } from './humanModels.mjs'

/**
 * The face models (@vladmandic/human 3.3.6 on @tensorflow/tfjs-backend-wasm 4.22.0): loaded once
 * per process on the main thread (and once in each face thread, src/faces/inference.ts), offline,
 * from the files inside the npm packages (src/faces/humanModels.mjs says how). Callers ask
 * `faceEngine()`, which starts the load on first use (or `startFaceEngine()` at boot, to load in
 * the background) and rejects with FaceEngineUnavailable when the models cannot load. A failed load
 * is not retried: Human keeps its models in module state, so a broken process stays broken and
 * refuses every upload the same way (503) until it is restarted with working models.
 */
export class FaceEngineUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The face models could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`)
    this.name = 'FaceEngineUnavailable'
  }
}

const require = createRequire(import.meta.url)

/** A package's folder, found along Node's module paths (its `exports` map is not consulted). */
const packageDir = (name: string): string => {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name)
    if (existsSync(path.join(candidate, 'package.json'))) return candidate
  }
  throw new Error(`${name} is not installed`)
}

/** Where Human, the WASM backend and the models are on this machine (FACE_MODEL_DIR, else the package's). */
export const humanPaths = (): HumanPaths => {
  const humanDir = packageDir('@vladmandic/human')
  const wasmDir = path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist')
  return {
    humanFile: path.join(humanDir, 'dist/human.node-wasm.js'),
    wasmPath: `${pathToFileURL(wasmDir).href}/`,
    modelBasePath: `${pathToFileURL(settings().faceModelDir ?? path.join(humanDir, 'models')).href}/`,
  }
}

const load = async (): Promise<Human> => loadHuman(humanPaths())

let engine: Promise<Human> | undefined

/** The loaded models, loading them on first call (about 0.5 s). Rejects with FaceEngineUnavailable. */
export const faceEngine = (): Promise<Human> => {
  engine ??= load().catch((error: unknown) => {
    throw new FaceEngineUnavailable(error)
  })
  return engine
}
