import Link from 'next/link'

export const metadata = { title: 'Checkout cancelled' }

type Props = { searchParams: Promise<{ package?: string }> }

export default async function CheckoutCancelPage({ searchParams }: Props) {
  const { package: slug } = await searchParams
  const back = slug && /^[a-z0-9-]+$/.test(slug) ? `/packages/${slug}` : '/'
  return (
    <section className="narrow">
      <h1>Checkout cancelled</h1>
      <p className="muted">Nothing was charged. You can pick a shoot pack whenever you are ready.</p>
      <Link className="button" href={back}>
        Back to the package
      </Link>
    </section>
  )
}
