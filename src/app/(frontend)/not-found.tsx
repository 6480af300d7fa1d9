import Link from 'next/link'

export default function NotFound() {
  return (
    <section className="narrow">
      <h1>We could not find that page</h1>
      <p className="muted">It may have moved, or it is not yours to see.</p>
      <Link className="button" href="/">
        Browse packages
      </Link>
    </section>
  )
}
