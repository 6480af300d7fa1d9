'use client'

import Link from 'next/link'
import { useRouter, useSearchParams } from 'next/navigation'
import { useState } from 'react'

import { safeNextPath } from '@/lib/safeNextPath'

import { postJson } from './api'
import { carryEmail, useCarriedEmail } from './carriedEmail'
import { FormField } from './FormField'

/** After a sign-up the address may already have had an account: the API answers alike, and e-mails its owner. */
const SENT_TO_OWNER =
  'We have sent an e-mail to this address. If it already has an account, sign in with its password or choose a new one.'

/**
 * Sign in or sign up with Payload auth; the session is Payload's HTTP-only cookie. A failed
 * attempt keeps what was typed (never the password). A sign-up whose sign-in then fails (the
 * address had an account, and this was not its password) offers "sign in instead"; the sign-up's
 * own answer never says whether an address is registered. `next` (the package and theme being
 * looked at) is carried between the forms.
 */
export function AuthForm({ mode }: { mode: 'signin' | 'signup' }) {
  const router = useRouter()
  const params = useSearchParams()
  // Only a path on this site: never //attacker.example, /\\host, a scheme, or any of them encoded.
  const next = safeNextPath(params.get('next'))
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [emailTaken, setEmailTaken] = useState(false)
  const [busy, setBusy] = useState(false)

  useCarriedEmail(setEmail)

  const carryHref = (path: string) => (next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`)
  // A link to another account form that takes the typed e-mail along (an element, not a component made during render).
  const carryLink = (path: string, label: string) => (
    <Link href={carryHref(path)} onClick={() => carryEmail(email)}>
      {label}
    </Link>
  )

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setEmailTaken(false)
    if (mode === 'signup') {
      const created = await postJson('/api/users', { email, password, name: name || undefined })
      if (!created.ok) {
        setBusy(false)
        setPassword('')
        setError(created.error ?? 'The account could not be created.')
        return
      }
    }
    const login = await postJson('/api/users/login', { email, password })
    if (!login.ok) {
      setBusy(false)
      setPassword('')
      // A rate limit's answer says how long to wait; any other refusal gets the form's own words.
      const limited = login.status === 429 ? login.body?.error : undefined
      const signedUp = mode === 'signup' && login.status === 401
      setEmailTaken(signedUp)
      setError(limited ?? (signedUp ? SENT_TO_OWNER : 'That e-mail and password do not match an account.'))
      return
    }
    router.push(next)
    router.refresh()
  }

  return (
    <form className="auth-form" onSubmit={submit}>
      {mode === 'signup' && (
        <FormField
          label="Name"
          name="name"
          autoComplete="name"
          maxLength={100}
          value={name}
          onValueChange={setName}
        />
      )}
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onValueChange={setEmail}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
        minLength={8}
        required
        aria-describedby={mode === 'signup' ? 'password-hint' : undefined}
        value={password}
        onValueChange={setPassword}
      />
      {mode === 'signup' && (
        <p id="password-hint" className="muted small">
          At least 8 characters. A few uncommon words make a strong one; common passwords are refused.
        </p>
      )}
      <button className="button" type="submit" disabled={busy}>
        {mode === 'signup' ? 'Create account' : 'Sign in'}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error} {emailTaken ? carryLink('/login', 'Sign in instead') : null}
        </p>
      )}
      <p className="muted small">
        {mode === 'signin' ? (
          <>
            New here? {carryLink('/signup', 'Create an account')} and get free trial shoots.{' '}
            {carryLink('/forgot-password', 'Forgot your password?')}
          </>
        ) : (
          <>Already have an account? {carryLink('/login', 'Sign in')}</>
        )}
      </p>
    </form>
  )
}
