import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { safeNextPath } from '@/lib/safeNextPath'

describe('safeNextPath: only same-origin paths are followed after sign-in', () => {
  it.each([
    '//attacker.example/x',
    '/\\attacker.example',
    '\\\\attacker.example',
    'https://attacker.example',
    'javascript:alert(1)',
    '%2F%2Fattacker.example',
    '/%2F/attacker.example',
    '/%5Cattacker.example',
    '%252F%252Fattacker.example',
    '/\t/attacker.example',
    'attacker.example',
    '',
  ])('refuses %j', (next) => {
    expect(safeNextPath(next)).toBe('/')
  })

  it.each([
    ['/account', '/account'],
    ['/packages/wedding-portraits?theme=3#form', '/packages/wedding-portraits?theme=3#form'],
    ['/#bundles', '/#bundles'],
  ])('follows %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected)
  })

  it('never leaves the origin, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (next) => {
        const target = new URL(safeNextPath(next), 'https://studio.example')
        expect(target.origin).toBe('https://studio.example')
      }),
    )
  })
})
