import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { describe, expect, it } from 'vitest'

import { humanPaths } from '@/faces/engine'

import { runChild } from '../../support/processes/child'

const root = path.resolve(import.meta.dirname, '../../..')

describe('the face models and the process', () => {
  // In a fresh process: the WASM backend's Emscripten runtime adds its listeners once per process.
  it('loading Human leaves no uncaughtException/unhandledRejection listener behind (the WASM runtime rethrows)', async () => {
    const script = `
      const { loadHuman } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/faces/humanModels.mjs')).href)})
      const count = () => ['uncaughtException', 'unhandledRejection'].map((event) => process.listenerCount(event))
      const before = count()
      await loadHuman(${JSON.stringify(humanPaths())})
      // An unhandled rejection must not end the process (Next.js logs them and carries on).
      process.on('unhandledRejection', () => {})
      Promise.reject(new Error('nobody awaits this'))
      await new Promise((resolve) => setTimeout(resolve, 50))
      console.log(JSON.stringify({ before, after: count() }))
    `
    const { stdout } = await runChild(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      timeoutMs: 120_000,
      echo: false,
    })
    const { before, after } = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(before).toEqual([0, 0])
    // The one unhandledRejection listener is the script's own.
    expect(after).toEqual([0, 1])
  }, 150_000)
})
