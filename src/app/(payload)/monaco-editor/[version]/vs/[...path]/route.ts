import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { MONACO_VERSION } from '@/admin/monacoAssets'

// monaco-editor's AMD build (node_modules/monaco-editor/min/vs), read from the installed package.
const ROOT = path.join(process.cwd(), 'node_modules', 'monaco-editor', 'min', 'vs')

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.json': 'application/json; charset=utf-8',
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })

/**
 * GET /monaco-editor/<version>/vs/<file>: the admin's JSON editor files, so the admin works
 * offline and behind a firewall. 404 for another version, a type not listed above or a path
 * outside the package's `min/vs` folder.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ version: string; path: string[] }> },
): Promise<Response> {
  const { version, path: segments } = await params
  const file = path.resolve(ROOT, ...segments)
  const type = TYPES[path.extname(file)]
  if (version !== MONACO_VERSION || !type || !file.startsWith(ROOT + path.sep)) return notFound()
  const body = await readFile(file).catch(() => null)
  if (!body) return notFound()
  return new Response(new Uint8Array(body), {
    headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' },
  })
}
