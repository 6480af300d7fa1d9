/**
 * A face thread (worker_threads): its own Human (src/faces/humanModels.mjs, loaded from
 * `workerData`, the same paths as the main thread's), so scans run beside the main thread's instead
 * of queuing behind it. Posts `{ ready: true }` once loaded (or `{ loadError }`), then answers each
 * `{ id, data, width, height }` with `{ id, faces, ms }` or `{ id, error }`. Plain Node: started
 * by src/faces/inference.ts.
 */
import { parentPort, workerData } from 'node:worker_threads'

import { detectRgb, loadHuman } from './humanModels.mjs'

let queue = Promise.resolve()

loadHuman(workerData).then(
  (human) => {
    parentPort.on('message', ({ id, data, width, height }) => {
      queue = queue.then(() =>
        detectRgb(human, data, width, height).then(
          (result) => parentPort.postMessage({ id, ...result }),
          (error) =>
            parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
        ),
      )
    })
    parentPort.postMessage({ ready: true })
  },
  (error) => parentPort.postMessage({ loadError: error instanceof Error ? error.message : String(error) }),
)
