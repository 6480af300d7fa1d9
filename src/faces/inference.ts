import { existsSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

import { settings } from '@/lib/settings'

import { faceEngine, humanPaths } from './engine'
import { detectRgb, type RgbFace } from './humanModels.mjs'

/**
 * Where face scans run: the main thread's Human (src/faces/engine.ts) and FACE_THREADS more, each
 * in a worker thread with its own Human (src/faces/faceThread.mjs). A WASM Human runs one inference
 * at a time, so with one instance the portraits of a shoot that arrive together were scanned one
 * after another (about 100 ms each); with a second, two run at once on two cores, and the scans
 * leave the main thread free for the worker's database and storage work. Each scan goes to the
 * ready instance with the fewest scans waiting (a thread before the main thread on a tie). A thread
 * that cannot start or load its models is dropped (logged to stderr once) and scans go on without it.
 *
 * The thread runs src/faces/faceThread.mjs from the working directory (the project root, for
 * `npm run worker`, `npm start` and the tests): a bundler would copy it without its import. Absent
 * (a deployment without src), there are no threads.
 */

interface Instance {
  waiting: number
  ready: boolean
  scan: (data: Uint8Array, width: number, height: number) => Promise<{ faces: RgbFace[]; ms: number }>
}

const THREAD_FILE = path.join(process.cwd(), 'src/faces/faceThread.mjs')

let mainQueue: Promise<unknown> = Promise.resolve()

const mainInstance: Instance = {
  waiting: 0,
  ready: true,
  scan: async (data, width, height) => {
    const human = await faceEngine()
    const run = mainQueue.then(() => detectRgb(human, data, width, height))
    mainQueue = run.catch(() => undefined)
    return run
  },
}

type Pending = { resolve: (value: { faces: RgbFace[]; ms: number }) => void; reject: (error: Error) => void }

const startThread = (): Instance => {
  const pending = new Map<number, Pending>()
  let nextId = 0
  const worker = new Worker(THREAD_FILE, { workerData: humanPaths() })
  worker.unref()
  const instance: Instance = {
    waiting: 0,
    ready: false,
    scan: (data, width, height) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject })
        worker.postMessage({ id, data, width, height }, [data.buffer as ArrayBuffer])
      }),
  }
  const drop = (reason: string) => {
    threads = threads?.filter((thread) => thread !== instance)
    for (const { reject } of pending.values()) reject(new Error(`face thread stopped: ${reason}`))
    pending.clear()
    console.error(`face thread dropped: ${reason}`)
  }
  worker.on(
    'message',
    (message: {
      ready?: true
      loadError?: string
      id?: number
      faces?: RgbFace[]
      ms?: number
      error?: string
    }) => {
      if (message.ready) instance.ready = true
      else if (message.loadError) {
        drop(message.loadError)
        void worker.terminate()
      } else if (message.id !== undefined) {
        const waiter = pending.get(message.id)
        pending.delete(message.id)
        if (message.error !== undefined) waiter?.reject(new Error(message.error))
        else waiter?.resolve({ faces: message.faces ?? [], ms: message.ms ?? 0 })
      }
    },
  )
  worker.on('error', (error) => drop(error.message))
  worker.on('exit', (code) => {
    if (threads?.includes(instance)) drop(`exited with code ${code}`)
  })
  return instance
}

let threads: Instance[] | undefined

/** Starts the face threads (FACE_THREADS, once per process); they load their models in the background. */
export const startFaceThreads = (): void => {
  if (threads) return
  threads = []
  const count = settings().faceThreads
  if (!count || !existsSync(THREAD_FILE)) return
  for (let i = 0; i < count; i++) {
    try {
      threads.push(startThread())
    } catch (error) {
      console.error(`face thread not started: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

/** Starts loading the models in the background (at process start); a failure surfaces at the first use. */
export const startFaceEngine = (): void => {
  faceEngine().catch(() => undefined)
  startFaceThreads()
}

/**
 * Detects and describes the faces in one RGB image (height x width x 3 bytes; the buffer is handed
 * over, not copied, so the caller must not use it again). Rejects with FaceEngineUnavailable when
 * the main thread's models cannot load: a process without them checks nothing, threads or not.
 */
export const scanRgb = async (data: Uint8Array, width: number, height: number) => {
  await faceEngine()
  startFaceThreads()
  const ready = [...(threads ?? []).filter((thread) => thread.ready), mainInstance]
  const chosen = ready.reduce((best, instance) => (instance.waiting < best.waiting ? instance : best))
  chosen.waiting++
  try {
    return await chosen.scan(data, width, height)
  } finally {
    chosen.waiting--
  }
}
