import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import type { Human } from '@vladmandic/human'

import { settings } from '@/lib/settings'

/**
 * The face models (@vladmandic/human 3.3.6 on @tensorflow/tfjs-backend-wasm 4.22.0): loaded once
 * per process, offline, from the files inside the npm packages. Callers ask `faceEngine()`, which
 * starts the load on first use (or `startFaceEngine()` at boot, to load in the background) and
 * rejects with FaceEngineUnavailable when the models cannot load. A failed load is not retried:
 * Human keeps its models in module state, so a broken process stays broken and refuses every upload
 * the same way (503) until it is restarted with working models.
 *
 * Pitfalls this works around (issue 23): the package's `exports` map is broken, so
 * dist/human.node-wasm.js is loaded by path; `wasmPath` points at the local backend files or it
 * would fetch them from a CDN; Node's fetch cannot read file:// URLs, so a small tfjs IO router
 * reads model.json and its weight files from disk; `cacheSensitivity: 0` turns off the
 * frame-to-frame result cache meant for video (it would return one photo's faces for the next).
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

/** A tfjs IO handler that reads a graph model (model.json + weight shards) from a file:// URL. */
const fileModelHandler = (url: string) => ({
  load: async () => {
    const file = new URL(url).pathname
    const json = JSON.parse(await readFile(file, 'utf8'))
    const dir = path.dirname(file)
    const shards: Buffer[] = []
    const weightSpecs = []
    for (const group of json.weightsManifest ?? []) {
      for (const shard of group.paths) shards.push(await readFile(path.join(dir, shard)))
      weightSpecs.push(...group.weights)
    }
    const all = Buffer.concat(shards)
    return {
      modelTopology: json.modelTopology,
      signature: json.signature,
      userDefinedMetadata: json.userDefinedMetadata,
      modelInitializer: json.modelInitializer,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      weightSpecs,
      weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
    }
  },
})

const load = async (): Promise<Human> => {
  const humanDir = packageDir('@vladmandic/human')
  const wasmDir = path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist')
  // Loaded by path at run time: the comments keep the bundler from trying to resolve it at build.
  const { Human: HumanClass } = require(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ path.join(humanDir, 'dist/human.node-wasm.js'),
  ) as {
    Human: new (config: object) => Human
  }
  const human = new HumanClass({
    backend: 'wasm',
    wasmPath: `${pathToFileURL(wasmDir).href}/`,
    modelBasePath: `${pathToFileURL(settings().faceModelDir ?? path.join(humanDir, 'models')).href}/`,
    cacheSensitivity: 0,
    debug: false,
    async: true,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 10, minConfidence: 0.5, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      description: { enabled: true },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    filter: { enabled: false },
  })
  human.tf.io.registerLoadRouter((url: string | string[]) =>
    typeof url === 'string' && url.startsWith('file://') ? fileModelHandler(url) : null,
  )
  await human.load()
  // Human logs a model that failed to load and carries on; a loaded graph model has an executor.
  const missing = ['blazeface', 'facemesh', 'faceres'].filter(
    (name) =>
      !Object.entries(human.models.models).some(
        ([key, model]) => key.includes(name) && (model as { executor?: unknown } | null)?.executor,
      ),
  )
  if (missing.length) throw new Error(`model ${missing.join(', ')} did not load`)
  return human
}

let engine: Promise<Human> | undefined

/** The loaded models, loading them on first call (about 0.5 s). Rejects with FaceEngineUnavailable. */
export const faceEngine = (): Promise<Human> => {
  engine ??= load().catch((error: unknown) => {
    throw new FaceEngineUnavailable(error)
  })
  return engine
}

/** Starts loading in the background (at process start); a failure surfaces at the first use. */
export const startFaceEngine = (): void => {
  faceEngine().catch(() => undefined)
}
