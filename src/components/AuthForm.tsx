'use client'

import { useRouter, useSearchParams } from 'next/navigation'
import { useState } from 'react'

import { safeNextPath } from '@/lib/safeNextPath'

/** Sign in or sign up with Payload auth; the session is Payload's HTTP-only cookie. */
export function AuthForm({ mode }: { mode: 'signin' | 'signup' }) {
  const router = useRouter()
  const params = useSearchParams()
  // Only a path on this site: never //attacker.example, /\\host, a scheme, or any of them encoded.
  const next = safeNextPath(params.get('next'))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (form: FormData) => {
    setBusy(true)
    setError(null)
    const email = String(form.get('email') ?? '')
    const password = String(form.get('password') ?? '')
    const post = (path: string, body: unknown) =>
      fetch(path, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (mode === 'signup') {
      const created = await post('/api/users', { email, password, name: String(form.get('name') ?? '') || undefined })
      if (!created.ok) {
        const body = await created.json().catch(() => ({}))
        setBusy(false)
        setError(body?.errors?.[0]?.data?.errors?.[0]?.message ?? body?.errors?.[0]?.message ?? 'The account could not be created.')
        return
      }
    }
    const login = await post('/api/users/login', { email, password })
    if (!login.ok) {
      setBusy(false)
      const body = login.status === 429 ? await login.json().catch(() => ({})) : {}
      setError(body?.error ?? 'That email and password do not match an account.')
      return
    }
    router.push(next)
    router.refresh()
  }

  return (
    <form className="auth-form" action={submit}>
      {mode === 'signup' && (
        <label className="field">
          Name
          <input name="name" autoComplete="name" maxLength={100} />
        </label>
      )}
      <label className="field">
        Email
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label className="field">
        Password
        <input name="password" type="password" autoComplete={mode === 'signup' ? 'new-password' : 'current-password'} minLength={8} required />
      </label>
      <button className="button" type="submit" disabled={busy}>
        {mode === 'signup' ? 'Create account' : 'Sign in'}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
