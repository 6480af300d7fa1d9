'use client'

import Link from 'next/link'
import { useRouter, useSearchParams } from 'next/navigation'
import { useState } from 'react'

import { safeNextPath } from '@/lib/safeNextPath'

import { ResendVerification } from './account/ResendVerification'
import { postJson } from './api'
import { carryEmail, useCarriedEmail } from './carriedEmail'
import { FormField } from './FormField'
import { rememberNextAfterSignUp } from './nextAfterSignUp'

/**
 * Sign in or sign up with Payload auth; the session is Payload's HTTP-only cookie. A failed
 * attempt keeps what was typed (never the password). A sign-up does not sign in: the account
 * signs in once the link mailed to its address is opened (/verify), and the form says to check the
 * inbox, for a free and a taken address alike (the owner of a taken one is e-mailed instead).
 * `next` (the package and theme being looked at) is carried between the forms, and past the
 * mailed link (nextAfterSignUp); `nextPath` replaces it (the /verify page's sign-in).
 */
export function AuthForm({ mode, nextPath }: { mode: 'signin' | 'signup'; nextPath?: string }) {
  const router = useRouter()
  const params = useSearchParams()
  // Only a path on this site: never //attacker.example, /\\host, a scheme, or any of them encoded.
  const next = safeNextPath(nextPath ?? params.get('next'))
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [sentTo, setSentTo] = useState<string | null>(null)
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
    if (mode === 'signup') {
      const created = await postJson('/api/users', { email, password, name: name || undefined })
      setBusy(false)
      setPassword('')
      if (!created.ok) {
        setError(created.error ?? 'The account could not be created.')
        return
      }
      rememberNextAfterSignUp(next)
      setSentTo(email)
      return
    }
    const login = await postJson('/api/users/login', { email, password })
    if (!login.ok) {
      setBusy(false)
      setPassword('')
      // A rate limit's answer says how long to wait; any other refusal gets the form's own words.
      const limited = login.status === 429 ? login.body?.error : undefined
      setError(
        limited ??
          'That e-mail and password do not match an account, or its address is not confirmed yet (open the link we e-mailed).',
      )
      return
    }
    router.push(next)
    router.refresh()
  }

  if (sentTo) {
    return (
      <div className="auth-form" data-testid="sign-up-sent">
        <p role="status" className="notice">
          Check your inbox: we have sent an e-mail to {sentTo}. Open the link in it within 48 hours to finish
          signing up, then sign in. If this address already has an account, the e-mail says so:{' '}
          {carryLink('/login', 'sign in instead')}.
        </p>
        <p className="muted small">No e-mail after a few minutes? Look in your spam folder, or:</p>
        <ResendVerification email={sentTo} />
      </div>
    )
  }

  return (
    <form className="auth-form" method="post" onSubmit={submit}>
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
          {error}
        </p>
      )}
      <p className="muted small">
        {mode === 'signin' ? (
          <>
            New here? {carryLink('/signup', 'Create an account')} and get free trial shoots.{' '}
            {carryLink('/forgot-password', 'Forgot your password?')}{' '}
            <Link href="/verify">Send the sign-up link again</Link>
          </>
        ) : (
          <>Already have an account? {carryLink('/login', 'Sign in')}</>
        )}
      </p>
    </form>
  )
}
