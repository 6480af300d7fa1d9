import { describe, expect, it } from 'vitest'

import { PASSWORD_MAX_LENGTH, passwordProblem } from '@/account/passwordStrength'

describe('passwordProblem (NIST SP 800-63B length and blocklist, zxcvbn-ts guess estimate)', () => {
  it.each([
    ['1234567', /at least 8 characters/],
    ['12345678', /heavily used/],
    ['password1', /commonly used/],
    ['qwertyuiop', /frequently used/],
    ['iloveyou2', /commonly used/],
    ['aaaaaaaaaaaa', /./],
    ['abcdefghij', /./],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason)
  })

  it('refuses a password built from the account holder’s own e-mail address', () => {
    expect(passwordProblem('anabelle.moreno')).toBeNull()
    expect(passwordProblem('anabelle.moreno', ['anabelle.moreno@example.com'])).not.toBeNull()
  })

  it('counts characters, not UTF-16 units or bytes, and caps the length', () => {
    // 4 emoji are 8 UTF-16 units but 4 characters.
    expect(passwordProblem('📷🌸💍🎂')).toMatch(/at least 8/)
    expect(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toMatch(/at most 256/)
  })

  it.each(['correct horse battery staple', 'customer-pass-1', 'Tr0ub4dor&3', 'ünïcödé-pässwörd-7'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password)).toBeNull()
    },
  )
})
