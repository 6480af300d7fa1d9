'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { requestJson } from '../api'

/** A "Delete" button for one owned document over Payload's REST: asks first, then refreshes the page. */
export function DeleteButton({ url, what, label = 'Delete' }: { url: string; what: string; label?: string }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <span className="delete-control">
      <button
        type="button"
        className="link-button danger"
        disabled={busy}
        aria-label={`${label} ${what}`}
        onClick={async () => {
          if (!window.confirm(`Delete ${what}? This cannot be undone.`)) return
          setBusy(true)
          setError(null)
          const answer = await requestJson(url, { method: 'DELETE' })
          setBusy(false)
          if (!answer.ok) {
            setError(answer.error ?? 'Could not delete it. Please try again.')
            return
          }
          router.refresh()
        }}
      >
        {busy ? 'Deleting…' : label}
      </button>
      {error ? (
        <span role="alert" className="form-error small">
          {' '}
          {error}
        </span>
      ) : null}
    </span>
  )
}
