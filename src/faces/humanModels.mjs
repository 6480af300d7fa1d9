/**
 * Builds and loads one @vladmandic/human instance (3.3.6, tfjs WASM backend) from files on disk:
 * used by src/faces/engine.ts on the main thread and by src/faces/faceThread.mjs in each face
 * thread, so both run the same models with the same settings. Plain Node (no TypeScript, no
 * bundler): a worker thread runs it as it is; TypeScript reads its types from humanModels.d.mts.
 *
 * Pitfalls this works around (issue 23): the package's `exports` map is broken, so
 * dist/human.node-wasm.js is loaded by path (`humanFile`); `wasmPath` points at the local backend
 * files or it would fetch them from a CDN; Node's fetch cannot read file:// URLs, so a small tfjs
 * IO router reads model.json and its weight files from disk; `cacheSensitivity: 0` turns off the
 * frame-to-frame result cache meant for video (it would return one photo's faces for the next).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

/** A tfjs IO handler that reads a graph model (model.json + weight shards) from a file:// URL. */
const fileModelHandler = (url) => ({
  load: async () => {
    const file = new URL(url).pathname
    const json = JSON.parse(await readFile(file, 'utf8'))
    const dir = path.dirname(file)
    const shards = []
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

/** The process events whose listeners the WASM backend's Emscripten runtime adds to rethrow. */
const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection']

/**
 * Runs `load`, then removes the `uncaughtException`/`unhandledRejection` listeners it added. The
 * tfjs WASM backend's Emscripten runtime adds two that rethrow, which turned any unhandled
 * rejection anywhere in the app (Next.js logs them and carries on) into the end of the process: one
 * anonymous GET whose where Payload checked in an unawaited promise took the server down.
 */
const withoutRethrowingListeners = async (load) => {
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(process.listeners(event))]))
  try {
    return await load()
  } finally {
    for (const event of PROCESS_EVENTS)
      for (const listener of process.listeners(event))
        if (!before.get(event).has(listener)) process.removeListener(event, listener)
  }
}

/**
 * A loaded Human. `paths`: `humanFile` (dist/human.node-wasm.js), `wasmPath` and `modelBasePath`
 * (file:// URLs ending in /). Rejects when a model did not load (Human logs it and carries on).
 * Leaves the process's error listeners as they were (withoutRethrowingListeners).
 */
export const loadHuman = (paths) => withoutRethrowingListeners(() => loadHumanModels(paths))

const loadHumanModels = async ({ humanFile, wasmPath, modelBasePath }) => {
  const { Human } = require(/* webpackIgnore: true */ /* turbopackIgnore: true */ humanFile)
  const human = new Human({
    backend: 'wasm',
    wasmPath,
    modelBasePath,
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
  human.tf.io.registerLoadRouter((url) =>
    typeof url === 'string' && url.startsWith('file://') ? fileModelHandler(url) : null,
  )
  await human.load()
  // A loaded graph model has an executor.
  const missing = ['blazeface', 'facemesh', 'faceres'].filter(
    (name) =>
      !Object.entries(human.models.models).some(([key, model]) => key.includes(name) && model?.executor),
  )
  if (missing.length) throw new Error(`model ${missing.join(', ')} did not load`)
  return human
}

/**
 * Detects and describes the faces in one RGB image (`data`: height x width x 3 bytes): each face's
 * box [x, y, w, h] in the image's pixels, detector score and 1024-value descriptor; `ms` the time
 * in the models. One call at a time per Human (the WASM backend runs one inference at a time).
 */
export const detectRgb = async (human, data, width, height) => {
  const started = performance.now()
  const tensor = human.tf.tensor3d(data, [height, width, 3], 'int32')
  try {
    const result = await human.detect(tensor)
    return {
      faces: result.face.map((face) => ({
        box: [...face.box],
        score: face.boxScore ?? face.score,
        embedding: Array.from(face.embedding ?? []),
      })),
      ms: performance.now() - started,
    }
  } finally {
    human.tf.dispose(tensor)
  }
}
