'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { plural } from '@/lib/format'

import { postJson } from '../api'

/**
 * "Your data" on /account: export everything as a ZIP, delete all photos and portraits,
 * or erase the account (confirmed by typing the e-mail address or the password).
 */
export function AccountDataControls({ email }: { email: string }) {
  const router = useRouter()
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [confirm, setConfirm] = useState('')
  const [busy, setBusy] = useState(false)

  const deleteImages = async () => {
    if (
      !window.confirm(
        'Delete all your photos and portraits? Your shoots and purchases stay. This cannot be undone.',
      )
    )
      return
    setBusy(true)
    setError(null)
    const answer = await postJson<{ generations: number; photos: number }>('/api/account/delete-images')
    setBusy(false)
    if (!answer.ok) return setError(answer.error ?? 'Could not delete them. Please try again.')
    const { generations, photos } = answer.body
    setMessage(`Deleted ${plural(generations, 'shoot')} with their portraits and ${plural(photos, 'photo')}.`)
    router.refresh()
  }

  const erase = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const answer = await postJson('/api/account/erase', { confirm })
    setBusy(false)
    if (!answer.ok) return setError(answer.error ?? 'Could not delete the account. Please try again.')
    router.push('/?account=deleted')
    router.refresh()
  }

  return (
    <div className="data-controls">
      <div className="data-control">
        <h3>Export your data</h3>
        <p className="muted small">
          A ZIP with your account, purchases, shoot history, photos and portraits.
        </p>
        <a className="button button-secondary" href="/api/account/export" download data-testid="export-data">
          Download my data
        </a>
      </div>
      <div className="data-control">
        <h3>Delete all photos and portraits</h3>
        <p className="muted small">Your account, shoots and purchases stay.</p>
        <button type="button" className="button button-danger" disabled={busy} onClick={deleteImages}>
          Delete all photos and portraits
        </button>
      </div>
      <form className="data-control" method="post" onSubmit={erase} aria-labelledby="erase-title">
        <h3 id="erase-title">Delete my account</h3>
        <p className="muted small">
          Your photos, portraits, e-mail address and name are erased. Receipts of purchases stay in the
          studio&apos;s accounts without your name, as the law requires. This cannot be undone.
        </p>
        <label className="field">
          Type your e-mail address ({email}) or your password to confirm
          <input
            name="confirm"
            type="password"
            autoComplete="off"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
            required
          />
        </label>
        <button type="submit" className="button button-danger" disabled={busy || confirm.length === 0}>
          Delete my account
        </button>
      </form>
      {message ? <p role="status">{message}</p> : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
