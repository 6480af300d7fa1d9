'use client'

import Link from 'next/link'
import { useRouter, useSearchParams } from 'next/navigation'
import { useState } from 'react'

import { postJson } from './api'
import { useCarriedEmail } from './carriedEmail'
import { FormField } from './FormField'

/**
 * Payload's forgot-password flow on the site: "request" asks for the e-mail (the answer is
 * the same whether or not an account exists), "reset" takes the token from the mailed link
 * and a new password, then signs the customer in.
 */
export function PasswordResetForm({ step }: { step: 'request' | 'reset' }) {
  const router = useRouter()
  const params = useSearchParams()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // A refused password keeps the link usable; only a dead token needs a new e-mail.
  const [linkDead, setLinkDead] = useState(false)
  const [busy, setBusy] = useState(false)
  const token = params.get('token') ?? ''

  useCarriedEmail(setEmail)

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    if (step === 'request') {
      const answer = await postJson('/api/users/forgot-password', { email })
      setBusy(false)
      if (!answer.ok && answer.status !== 429)
        return setError('Could not send the e-mail. Please try again in a minute.')
      return setSent(true)
    }
    const answer = await postJson('/api/users/reset-password', { token, password })
    setBusy(false)
    if (!answer.ok) {
      setPassword('')
      if (answer.status === 400 && answer.field === 'password') {
        setLinkDead(false)
        return setError(answer.error ?? 'Choose a stronger password.')
      }
      setLinkDead(true)
      return setError('This link has expired or was already used. Ask for a new one.')
    }
    router.push('/account')
    router.refresh()
  }

  if (step === 'request' && sent) {
    return (
      <p role="status" className="notice">
        If an account exists for {email}, an e-mail with a link is on its way. The link works for one hour.
      </p>
    )
  }
  if (step === 'reset' && !token) {
    return (
      <p className="form-error" role="alert">
        This page needs the link from the e-mail. <Link href="/forgot-password">Ask for a new link</Link>.
      </p>
    )
  }
  return (
    <form className="auth-form" method="post" onSubmit={submit}>
      {step === 'request' ? (
        <FormField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onValueChange={setEmail}
        />
      ) : (
        <FormField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          value={password}
          onValueChange={setPassword}
        />
      )}
      <button className="button" type="submit" disabled={busy}>
        {step === 'request' ? 'Send the link' : 'Save and sign in'}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}{' '}
          {step === 'reset' && linkDead ? <Link href="/forgot-password">Ask for a new link</Link> : null}
        </p>
      )}
    </form>
  )
}
