'use client'

import Link from 'next/link'
import { useSearchParams } from 'next/navigation'
import { useState } from 'react'

import { postJson } from '../api'

/**
 * The page the confirmation link opens: one button that moves the account to the new address
 * (POST /api/account/confirm-email). A button, not the visit itself, because mail scanners open
 * links on their own.
 */
export function EmailChangeConfirmation() {
  const token = useSearchParams().get('token') ?? ''
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  if (!token) {
    return (
      <p className="form-error" role="alert">
        This link has no token: open the whole link from the e-mail.
      </p>
    )
  }
  if (done) {
    return (
      <p role="status" className="notice" data-testid="email-confirmed">
        Your account now uses {done}. <Link href="/account">Go to your account</Link>
      </p>
    )
  }
  const confirm = async () => {
    setBusy(true)
    setError(null)
    const answer = await postJson<{ email: string }>('/api/account/confirm-email', { token })
    setBusy(false)
    if (answer.ok) setDone(answer.body.email)
    else setError(answer.error ?? 'The address could not be confirmed.')
  }
  return (
    <>
      <p>Use this address for your account from now on. Your other sessions are signed out.</p>
      <button className="button" type="button" disabled={busy} onClick={confirm}>
        Confirm this address
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
