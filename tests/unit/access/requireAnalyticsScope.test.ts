import type { PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'

import { requireAnalyticsScope } from '@/access'

const reqOf = (user: Record<string, unknown> | null, cookie?: string) =>
  ({
    user: user && { collection: 'users', ...user },
    headers: new Headers(cookie ? { cookie } : {}),
  }) as unknown as PayloadRequest

const owner = { id: 7, role: 'owner', tenants: [{ tenant: 3 }, { tenant: 4 }] }

describe('requireAnalyticsScope: whose analytics a caller sees', () => {
  it('gives a platform admin every studio, or the one picked in the studio selector', () => {
    expect(requireAnalyticsScope(reqOf({ id: 1, role: 'admin' }))).toEqual({
      studioIds: null,
      platform: true,
    })
    expect(requireAnalyticsScope(reqOf({ id: 1, role: 'admin' }, 'payload-tenant=4'))).toEqual({
      studioIds: [4],
      platform: true,
    })
  })

  it('ignores a cookie that names no studio id (every studio again)', () => {
    for (const value of ['abc', '0', '-3', '1e3', '99999999999', '4.5', ''])
      expect(
        requireAnalyticsScope(reqOf({ id: 1, role: 'admin' }, `payload-tenant=${value}`)).studioIds,
      ).toBeNull()
  })

  it("gives an owner their studios, or the one of them picked, never another studio's", () => {
    expect(requireAnalyticsScope(reqOf(owner))).toEqual({ studioIds: [3, 4], platform: false })
    expect(requireAnalyticsScope(reqOf(owner, 'payload-tenant=4')).studioIds).toEqual([4])
    expect(requireAnalyticsScope(reqOf(owner, 'payload-tenant=9')).studioIds).toEqual([3, 4])
    expect(requireAnalyticsScope(reqOf({ id: 8, role: 'owner', tenants: [] })).studioIds).toEqual([])
  })

  it('refuses editors and customers (403) and visitors (401)', () => {
    for (const role of ['editor', 'customer'])
      expect(() => requireAnalyticsScope(reqOf({ id: 2, role, tenants: [{ tenant: 3 }] }))).toThrow(
        expect.objectContaining({ status: 403, message: 'Only admins and owners may see analytics.' }),
      )
    expect(() => requireAnalyticsScope(reqOf(null))).toThrow(expect.objectContaining({ status: 401 }))
  })
})
