import { describe, expect, it } from 'vitest'

import { REQUEST_HOST_HEADER } from '@server/contract.mjs'

import { readSettings } from '@/lib/settings'
import { matchStudio, normaliseHost, requestHost, type StudioHosts } from '@/studios/resolveStudio'

const studios: StudioHosts[] = [
  { id: 1, slug: 'default', status: 'active', domains: [] },
  { id: 2, slug: 'anna', status: 'active', domains: ['photos.anna.test', 'anna.test'] },
  { id: 3, slug: 'bea', status: 'suspended', domains: ['bea.test'] },
]

describe('a request finds its studio from its Host (src/studios/resolveStudio.ts)', () => {
  it('normalises a host as the studios store it: lower case, no port, no trailing dot', () => {
    expect(normaliseHost('Photos.Anna.TEST')).toBe('photos.anna.test')
    expect(normaliseHost('anna.test:3000')).toBe('anna.test')
    expect(normaliseHost('anna.test.')).toBe('anna.test')
    expect(normaliseHost('anna.test.:8443')).toBe('anna.test')
    expect(normaliseHost('127.0.0.1:3000')).toBe('127.0.0.1')
    expect(normaliseHost('[::1]:3000')).toBe('::1')
    expect(normaliseHost('[::1]')).toBe('::1')
    expect(normaliseHost(' a.test , b.test')).toBe('a.test')
    expect(normaliseHost('')).toBeUndefined()
    expect(normaliseHost(null)).toBeUndefined()
  })

  it('reads X-Forwarded-Host only behind a trusted proxy', () => {
    const headers = new Headers({ host: 'front:3000', 'x-forwarded-host': 'Anna.test' })
    expect(requestHost(headers, false)).toBe('front')
    expect(requestHost(headers, true)).toBe('anna.test')
    expect(requestHost(new Headers({ host: 'anna.test' }), true)).toBe('anna.test')
  })

  it('reads the Host the client sent from the front, not the one Node filled in on the way to the child', () => {
    // server/front.mjs passes the client's Host on in REQUEST_HOST_HEADER (empty for none); the
    // Host the child receives is then the child's own address, which a studio may claim.
    const filled = (sent: string) => new Headers({ host: '127.0.0.1:41234', [REQUEST_HOST_HEADER]: sent })
    expect(requestHost(filled(''), false)).toBeUndefined()
    expect(requestHost(filled(' '), false)).toBeUndefined()
    expect(requestHost(filled('Anna.test:3000'), false)).toBe('anna.test')
    const harbor: StudioHosts[] = [
      ...studios,
      { id: 4, slug: 'harbor', status: 'active', domains: ['127.0.0.1'] },
    ]
    expect(matchStudio(requestHost(filled(''), false), harbor, undefined)).toEqual({ id: 1, slug: 'default' })
    expect(matchStudio(requestHost(filled(''), false), harbor, 'example.com')).toBeNull()
    // X-Forwarded-Host behind a trusted proxy still wins; without the front's header, Host.
    expect(
      requestHost(new Headers({ 'x-forwarded-host': 'anna.test', [REQUEST_HOST_HEADER]: '' }), true),
    ).toBe('anna.test')
    expect(requestHost(new Headers({ host: '127.0.0.1:3000' }), false)).toBe('127.0.0.1')
  })

  it('without PLATFORM_DOMAIN: a claimed host is its studio, any other the default studio', () => {
    expect(matchStudio('anna.test', studios, undefined)).toEqual({ id: 2, slug: 'anna' })
    expect(matchStudio('photos.anna.test', studios, undefined)).toEqual({ id: 2, slug: 'anna' })
    expect(matchStudio('127.0.0.1', studios, undefined)).toEqual({ id: 1, slug: 'default' })
    expect(matchStudio('localhost', studios, undefined)).toEqual({ id: 1, slug: 'default' })
    expect(matchStudio(undefined, studios, undefined)).toEqual({ id: 1, slug: 'default' })
    expect(matchStudio('anna.example.com', studios, undefined)).toEqual({ id: 1, slug: 'default' })
  })

  it('with PLATFORM_DOMAIN: <slug>.<domain> is that studio, a host nobody claims none', () => {
    const domain = 'example.com'
    expect(matchStudio('anna.example.com', studios, domain)).toEqual({ id: 2, slug: 'anna' })
    expect(matchStudio('default.example.com', studios, domain)).toEqual({ id: 1, slug: 'default' })
    expect(matchStudio('anna.test', studios, domain)).toEqual({ id: 2, slug: 'anna' })
    expect(matchStudio('nobody.example.com', studios, domain)).toBeNull()
    expect(matchStudio('example.com', studios, domain)).toBeNull()
    expect(matchStudio('x.anna.example.com', studios, domain)).toBeNull()
    expect(matchStudio('127.0.0.1', studios, domain)).toBeNull()
    expect(matchStudio(undefined, studios, domain)).toBeNull()
  })

  it('a suspended studio serves nothing, under its own hosts or its platform name', () => {
    expect(matchStudio('bea.test', studios, undefined)).toBeNull()
    expect(matchStudio('bea.example.com', studios, 'example.com')).toBeNull()
  })

  it('PLATFORM_DOMAIN is a hostname, stored lower case without a trailing dot', () => {
    expect(readSettings({ PLATFORM_DOMAIN: 'Photos.Example.COM.' }).platformDomain).toBe('photos.example.com')
    expect(readSettings({}).platformDomain).toBeUndefined()
    expect(() => readSettings({ PLATFORM_DOMAIN: 'https://example.com' })).toThrow(/PLATFORM_DOMAIN/)
    expect(() => readSettings({ PLATFORM_DOMAIN: 'example.com:443' })).toThrow(/PLATFORM_DOMAIN/)
  })
})
