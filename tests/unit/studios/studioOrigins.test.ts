import { describe, expect, it } from 'vitest'

import { childEnvironment } from '@server/contract.mjs'

import { readSettings } from '@/lib/settings'
import { studioOrigins } from '@/studios/studioOrigins'

const studios = [
  { id: 1, slug: 'first', status: 'active', domains: [] },
  { id: 2, slug: 'harbor', status: 'active', domains: ['harbor.example', 'www.harbor.example'] },
  { id: 3, slug: 'gone', status: 'suspended', domains: ['gone.example'] },
]

describe('the origins of the studios’ own sites', () => {
  it('are each active studio’s hostnames at SERVER_URL’s scheme and port', () => {
    expect(studioOrigins(studios, 'https://photos.example', undefined)).toEqual([
      'https://harbor.example',
      'https://www.harbor.example',
    ])
    expect(studioOrigins(studios, 'http://127.0.0.1:3000', undefined)).toEqual([
      'http://harbor.example:3000',
      'http://www.harbor.example:3000',
    ])
  })

  it('without SERVER_URL are at the port the front serves on (its PORT, which it hands its child)', () => {
    const env = childEnvironment({ internalToken: 't', frontPort: 4123 })
    expect(env.PHOTO_PACKAGES_FRONT_PORT).toBe('4123')
    const { linkOrigin } = readSettings({ PHOTO_PACKAGES_FRONT_PORT: env.PHOTO_PACKAGES_FRONT_PORT })
    expect(linkOrigin).toBe('http://localhost:4123')
    expect(studioOrigins(studios, linkOrigin, undefined)).toEqual([
      'http://harbor.example:4123',
      'http://www.harbor.example:4123',
    ])
    // PORT 0 (any free port) names none; without a front, 3000; SERVER_URL always wins.
    expect(childEnvironment({ internalToken: 't', frontPort: 0 }).PHOTO_PACKAGES_FRONT_PORT).toBeUndefined()
    expect(readSettings({}).linkOrigin).toBe('http://localhost:3000')
    expect(
      readSettings({ PHOTO_PACKAGES_FRONT_PORT: '4123', SERVER_URL: 'https://photos.example/' }).linkOrigin,
    ).toBe('https://photos.example')
  })

  it('add <slug>.PLATFORM_DOMAIN for every active studio, and leave suspended ones out', () => {
    expect(studioOrigins(studios, 'https://photos.example', 'photos.example')).toEqual([
      'https://first.photos.example',
      'https://harbor.example',
      'https://www.harbor.example',
      'https://harbor.photos.example',
    ])
  })
})
