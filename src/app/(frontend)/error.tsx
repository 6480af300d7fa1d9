'use client'

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section className="narrow">
      <h1>Something went wrong</h1>
      <p className="muted">Please try again in a moment.</p>
      <button className="button" type="button" onClick={reset}>
        Try again
      </button>
    </section>
  )
}
