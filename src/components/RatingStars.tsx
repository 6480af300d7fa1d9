'use client'

import { useState } from 'react'

/** Rate a finished generation 1-5, once. */
export function RatingStars({ generationId, initial }: { generationId: number; initial: number | null }) {
  const [rating, setRating] = useState<number | null>(initial)
  const [error, setError] = useState<string | null>(null)
  const rate = async (value: number) => {
    const response = await fetch(`/api/generations/${generationId}/rating`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: value }),
    })
    const body = await response.json().catch(() => ({}))
    if (response.ok) setRating(value)
    else setError(body.error ?? 'Your rating could not be saved.')
  }
  if (rating) return <p data-testid="rated">You rated these portraits {rating} of 5. Thank you!</p>
  return (
    <div className="rating" role="group" aria-label="Rate these portraits">
      <span>Rate these portraits:</span>
      {[1, 2, 3, 4, 5].map((value) => (
        <button key={value} type="button" className="star" aria-label={`${value} of 5`} onClick={() => rate(value)}>
          ★
        </button>
      ))}
      {error && <span className="form-error">{error}</span>}
    </div>
  )
}
