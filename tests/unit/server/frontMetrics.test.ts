import { describe, expect, it } from 'vitest'

import { routeOf } from '../../../server/frontMetrics.mjs'

describe("the front's route templates (the `route` label)", () => {
  it('turns ids, file names and slugs into placeholders', () => {
    expect(routeOf('/api/generations/123/events?x=1', 200)).toBe('/api/generations/:id/events')
    expect(routeOf('/api/generations/12/portraits/3', 200)).toBe('/api/generations/:id/portraits/:id')
    expect(routeOf('/api/photo-uploads/file/me-1.jpg', 200)).toBe('/api/photo-uploads/file/:filename')
    expect(routeOf('/packages/wedding-portraits', 200)).toBe('/packages/:slug')
    expect(routeOf('/packages/compare', 200)).toBe('/packages/compare')
    expect(routeOf('/api/packages/wedding-portraits/pricing', 200)).toBe('/api/packages/:slug/pricing')
    expect(routeOf('/admin/collections/users/4', 200)).toBe('/admin/*')
    expect(routeOf('/_next/static/chunks/a.js', 200)).toBe('/_next/*')
    expect(routeOf('/', 200)).toBe('/')
  })

  it('never lets a client grow the series: 404s are one value, and templates stop at 300', () => {
    expect(routeOf('/anything/at/all', 404)).toBe('unmatched')
    const routes = new Set(Array.from({ length: 400 }, (_, i) => routeOf(`/probe-${i}`, 400)))
    expect(routes.size).toBeLessThanOrEqual(301)
    expect(routes.has('other')).toBe(true)
  })
})
