'use client'

import { useSearchParams } from 'next/navigation'
import { useState } from 'react'

import { postJson } from '../api'
import { AuthForm } from '../AuthForm'
import { carryEmail } from '../carriedEmail'
import { takeNextAfterSignUp } from '../nextAfterSignUp'
import { ResendVerification } from './ResendVerification'

/**
 * The page the sign-up link opens: one button that confirms the address (POST
 * /api/users/verify/<token>; a button, not the visit itself, because mail scanners open links on
 * their own), then the sign-in form with the address filled in, leading back to the page the
 * visitor signed up from. A used, replaced or expired link says which, and offers a new one.
 * Without a token the page only offers to send the link again.
 */
export function SignUpVerification() {
  const token = useSearchParams().get('token') ?? ''
  const [busy, setBusy] = useState(false)
  const [confirmed, setConfirmed] = useState<{ email: string; next: string } | null>(null)
  const [error, setError] = useState<string | null>(null)

  if (!token) {
    return (
      <>
        <p>Signed up but the link did not come, or it stopped working? Ask for a new one.</p>
        <ResendVerification />
      </>
    )
  }
  if (confirmed) {
    return (
      <>
        <p role="status" className="notice" data-testid="address-confirmed">
          Your address {confirmed.email} is confirmed. Sign in to start.
        </p>
        <AuthForm mode="signin" nextPath={confirmed.next} />
      </>
    )
  }
  const confirm = async () => {
    setBusy(true)
    setError(null)
    const answer = await postJson<{ email: string }>(`/api/users/verify/${encodeURIComponent(token)}`)
    setBusy(false)
    if (answer.ok) {
      carryEmail(answer.body.email)
      setConfirmed({ email: answer.body.email, next: takeNextAfterSignUp() })
    } else setError(answer.error ?? 'The address could not be confirmed.')
  }
  return (
    <>
      <p>Confirm this e-mail address to finish creating your account.</p>
      <button className="button" type="button" disabled={busy} onClick={confirm}>
        Confirm my address
      </button>
      {error && (
        <>
          <p className="form-error" role="alert">
            {error}
          </p>
          <ResendVerification />
        </>
      )}
    </>
  )
}
