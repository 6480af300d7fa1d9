import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { MONACO_VERSION, MONACO_VS_PATH } from '@/admin/monacoAssets'

const root = path.resolve(import.meta.dirname, '../..')
const json = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'))

describe('the JSON editor served by the app', () => {
  it('names the monaco-editor version package.json pins and node_modules holds', () => {
    expect(json('package.json').dependencies['monaco-editor']).toBe(MONACO_VERSION)
    expect(json('node_modules/monaco-editor/package.json').version).toBe(MONACO_VERSION)
    expect(MONACO_VS_PATH).toBe(`/monaco-editor/${MONACO_VERSION}/vs`)
  })
})
