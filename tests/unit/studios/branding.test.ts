import { describe, expect, it } from 'vitest'

import { brandingStyle, FONT_STACK_CSS, inkOn } from '@/studios/branding'

/** WCAG 2.1 contrast ratio of two relative luminances (w3.org/TR/WCAG21/#dfn-contrast-ratio). */
const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
const luminance = (hex: string) => {
  const c = (i: number) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
}

describe('a studio’s colours on the site', () => {
  it('puts black or white text on a colour, whichever has the higher contrast', () => {
    expect(inkOn('#1f5f7a')).toBe('#ffffff')
    expect(inkOn('#f5d76e')).toBe('#000000')
    expect(inkOn('#000000')).toBe('#ffffff')
    expect(inkOn('#FFFFFF')).toBe('#000000')
    // Either side of the crossover (L ≈ 0.179): #757575 (L 0.178) and #767676 (L 0.181).
    for (let grey = 0x60; grey <= 0x90; grey++) {
      const hex = `#${grey.toString(16).repeat(3)}`
      const l = luminance(hex)
      const best = ratio(l, 1) >= ratio(l, 0) ? '#ffffff' : '#000000'
      expect(inkOn(hex), hex).toBe(best)
    }
  })

  it('sets only the properties a studio chose', () => {
    expect(brandingStyle({ id: null, name: 'Platform' })).toEqual({})
    expect(
      brandingStyle({
        id: 2,
        name: 'Harbor',
        primaryColor: '#1f5f7a',
        accentColor: '#e0a43a',
        fontFamily: FONT_STACK_CSS.georgia,
      }),
    ).toEqual({
      '--accent': '#1f5f7a',
      '--accent-ink': '#ffffff',
      '--brand-accent': '#e0a43a',
      '--brand-font': FONT_STACK_CSS.georgia,
    })
  })
})
