'use client'

import { useState } from 'react'

import { postJson } from '../api'
import { FormField } from '../FormField'

/**
 * "Send the link again": POST /api/users/resend-verification with an address. The answer is the
 * same for any address (registered, confirmed or not), so this form says only that a link is on
 * its way if the address waits for one. `email` fills the box when the caller knows the address.
 */
export function ResendVerification({ email: known = '' }: { email?: string }) {
  const [email, setEmail] = useState(known)
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const send = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setAnswer(null)
    const sent = await postJson<{ message: string }>('/api/users/resend-verification', { email })
    setBusy(false)
    if (sent.ok) setAnswer(sent.body.message)
    else setError(sent.error ?? 'The link could not be sent.')
  }

  return (
    <form className="auth-form resend-form" method="post" onSubmit={send} aria-label="Send the link again">
      {!known && (
        <FormField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onValueChange={setEmail}
        />
      )}
      <button className="button button-secondary" type="submit" disabled={busy}>
        Send the link again
      </button>
      {answer && (
        <p role="status" className="notice">
          {answer}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
