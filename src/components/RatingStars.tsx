'use client'

import { useState } from 'react'

import { postJson } from './api'

const MAX_COMMENT = 1000

/**
 * Rate a finished generation 1-5, once. A 1 or 2 first asks what went wrong (optional, read by
 * the studio in the admin) before it is sent.
 */
export function RatingStars({ generationId, initial }: { generationId: number; initial: number | null }) {
  const [rating, setRating] = useState<number | null>(initial)
  const [unhappy, setUnhappy] = useState<number | null>(null)
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const send = async (value: number, text?: string) => {
    setBusy(true)
    setError(null)
    const answer = await postJson(
      `/api/generations/${generationId}/rating`,
      text?.trim() ? { rating: value, comment: text } : { rating: value },
    )
    setBusy(false)
    if (answer.ok) setRating(value)
    else setError(answer.error ?? 'Your rating could not be saved.')
  }

  if (rating) {
    return (
      <p data-testid="rated">
        You rated these portraits {rating} of 5.{' '}
        {rating <= 2 ? 'Thank you for telling us: the studio reads every low rating.' : 'Thank you!'}
      </p>
    )
  }
  if (unhappy) {
    return (
      <form
        className="rating-comment"
        method="post"
        onSubmit={(event) => {
          event.preventDefault()
          void send(unhappy, comment)
        }}
      >
        <label className="field">
          Sorry these did not work out. What went wrong? (optional)
          <textarea
            name="comment"
            rows={3}
            maxLength={MAX_COMMENT}
            value={comment}
            placeholder="For example: the faces do not look like us"
            onChange={(event) => setComment(event.target.value)}
          />
          <span className="muted small">
            {comment.length}/{MAX_COMMENT}
          </span>
        </label>
        <button className="button" type="submit" disabled={busy}>
          Send my {unhappy} of 5
        </button>{' '}
        <button className="button-link" type="button" onClick={() => setUnhappy(null)}>
          Back
        </button>
        {error && <p className="form-error">{error}</p>}
      </form>
    )
  }
  return (
    <div className="rating" role="group" aria-label="Rate these portraits">
      <span>Rate these portraits:</span>
      {[1, 2, 3, 4, 5].map((value) => (
        <button
          key={value}
          type="button"
          className="star"
          aria-label={`${value} of 5`}
          disabled={busy}
          onClick={() => (value <= 2 ? setUnhappy(value) : void send(value))}
        >
          ★
        </button>
      ))}
      {error && <span className="form-error">{error}</span>}
    </div>
  )
}
