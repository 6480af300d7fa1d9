'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { postJson } from '../api'
import { FormField } from '../FormField'

/**
 * "Your details" on /account: name, e-mail address and password. The name changes on its own;
 * a new e-mail address or password asks for the current password (POST /api/account/settings).
 */
export function AccountDetailsForm({
  name: initialName,
  email: initialEmail,
}: {
  name: string
  email: string
}) {
  const router = useRouter()
  const [name, setName] = useState(initialName)
  const [email, setEmail] = useState(initialEmail)
  const [newPassword, setNewPassword] = useState('')
  const [currentPassword, setCurrentPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<{ text: string; field?: string } | null>(null)
  const needsPassword = email.trim().toLowerCase() !== initialEmail.toLowerCase() || newPassword.length > 0

  const save = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setMessage(null)
    setError(null)
    const answer = await postJson<{ email: string; message?: string }>('/api/account/settings', {
      name,
      ...(needsPassword ? { email, currentPassword, ...(newPassword ? { newPassword } : {}) } : {}),
    })
    setBusy(false)
    setCurrentPassword('')
    if (!answer.ok)
      return setError({ text: answer.error ?? 'Your details could not be saved.', field: answer.field })
    setNewPassword('')
    setEmail(answer.body.email)
    // A new address waits for its link to be opened: the message says so.
    setMessage(
      answer.body.message ?? (needsPassword ? 'Saved. Use the new details next time you sign in.' : 'Saved.'),
    )
    router.refresh()
  }

  const invalid = (field: string) =>
    error?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'details-error' } : {}
  return (
    <form className="details-form" method="post" onSubmit={save} aria-labelledby="details-title">
      <FormField
        label="Name"
        name="name"
        autoComplete="name"
        maxLength={100}
        value={name}
        onValueChange={setName}
        {...invalid('name')}
      />
      <FormField
        label="E-mail address"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onValueChange={setEmail}
        {...invalid('email')}
      />
      <FormField
        label={
          <>
            New password <span className="muted small">(leave empty to keep yours)</span>
          </>
        }
        name="newPassword"
        type="password"
        autoComplete="new-password"
        minLength={8}
        value={newPassword}
        onValueChange={setNewPassword}
        {...invalid('newPassword')}
      />
      {needsPassword && (
        <FormField
          label={
            <>
              Current password{' '}
              <span className="muted small">(needed to change your e-mail address or password)</span>
            </>
          }
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onValueChange={setCurrentPassword}
          {...invalid('currentPassword')}
        />
      )}
      <button className="button" type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save my details'}
      </button>
      {message && <p role="status">{message}</p>}
      {error && (
        <p role="alert" className="form-error" id="details-error">
          {error.text}
        </p>
      )}
    </form>
  )
}
