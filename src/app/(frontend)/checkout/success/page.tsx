import { CheckoutSuccess } from '@/components/CheckoutSuccess'

export const metadata = { title: 'Thank you' }

type Props = { searchParams: Promise<{ session_id?: string }> }

export default async function CheckoutSuccessPage({ searchParams }: Props) {
  const { session_id: sessionId } = await searchParams
  return (
    <section className="narrow">
      <h1>Thank you for your purchase</h1>
      <CheckoutSuccess sessionId={sessionId ?? null} />
    </section>
  )
}
