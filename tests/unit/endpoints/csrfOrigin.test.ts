import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { checkRequest } from '@/endpoints/guard'
import type { RouteMap } from '@/endpoints/guard/routeMap'
import { DomainError } from '@/lib/errors'
import { requestOrigin } from '@/lib/requestOrigin'

const map: RouteMap = {
  apiRoute: '/api',
  cookieName: 'payload-token',
  collections: new Map(),
  textIdSlugs: new Set(),
  blocks: new Map(),
  rootEndpoints: [],
}

/** A cookie-carried PATCH as Next hands it to the route: request.url names localhost, whatever the browser dialled. */
const patch = (headers: Record<string, string>) =>
  new Request('http://localhost:3000/api/profile', {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie: 'payload-token=abc', ...headers },
    body: '{}',
  })

const refusal = async (request: Request): Promise<number | null> => {
  try {
    await checkRequest(request, map)
    return null
  } catch (error) {
    if (error instanceof DomainError) return error.status
    throw error
  }
}

describe('CSRF origin check without SERVER_URL', () => {
  const saved = { SERVER_URL: process.env.SERVER_URL, TRUST_PROXY: process.env.TRUST_PROXY }
  beforeEach(() => {
    delete process.env.SERVER_URL
    delete process.env.TRUST_PROXY
  })
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  })

  it('lets a browser at 127.0.0.1 change its own data though Next reports the request as localhost', async () => {
    expect(await refusal(patch({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBeNull()
    expect(await refusal(patch({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBeNull()
    expect(
      await refusal(patch({ host: '127.0.0.1:3000', referer: 'http://127.0.0.1:3000/account' })),
    ).toBeNull()
  })

  it('refuses a foreign origin, another port, and a different host the browser did not dial', async () => {
    expect(await refusal(patch({ host: '127.0.0.1:3000', origin: 'http://evil.example' }))).toBe(403)
    expect(await refusal(patch({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:4000' }))).toBe(403)
    expect(await refusal(patch({ host: '127.0.0.1:3000', origin: 'https://127.0.0.1:3000' }))).toBe(403)
    expect(await refusal(patch({ host: '127.0.0.1:3000', origin: 'http://localhost:3000' }))).toBe(403)
  })

  it('reads X-Forwarded-Host/-Proto only behind a trusted proxy', async () => {
    const forwarded = {
      host: '127.0.0.1:3000',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      origin: 'https://evil.example',
    }
    expect(await refusal(patch(forwarded))).toBe(403)
    process.env.TRUST_PROXY = '1'
    const proxied = {
      host: 'app:3000',
      'x-forwarded-host': 'studio.example',
      'x-forwarded-proto': 'https',
      origin: 'https://studio.example',
    }
    expect(await refusal(patch(proxied))).toBeNull()
    process.env.TRUST_PROXY = '0'
    expect(await refusal(patch(proxied))).toBe(403)
  })

  it('uses SERVER_URL when it is set, whatever the Host', async () => {
    process.env.SERVER_URL = 'https://studio.example'
    expect(await refusal(patch({ host: 'studio.example', origin: 'https://studio.example' }))).toBeNull()
    expect(await refusal(patch({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBe(403)
  })

  it('derives the origin from Host (and default ports) and never from a malformed one', () => {
    const at = (host: string) =>
      requestOrigin({ url: 'http://localhost:3000/x', headers: new Headers({ host }) }, { trustProxy: false })
    expect(at('127.0.0.1:3000')).toBe('http://127.0.0.1:3000')
    expect(at('studio.example:80')).toBe('http://studio.example')
    expect(at('[::1]:3000')).toBe('http://[::1]:3000')
    expect(at('a b/c')).toBe('null-origin')
  })
})
