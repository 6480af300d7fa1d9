'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'

/** Polls until the webhook has landed (the purchase is paid), then shows the new balance. */
export function CheckoutSuccess({ sessionId }: { sessionId: string | null }) {
  const [state, setState] = useState<{ paid: boolean; balance: number | null }>({ paid: false, balance: null })

  useEffect(() => {
    let stopped = false
    const check = async () => {
      const [me, purchases] = await Promise.all([
        fetch('/api/users/me', { credentials: 'include', cache: 'no-store' }).then((r) => r.json()),
        sessionId
          ? fetch(`/api/purchases?where[stripeSessionId][equals]=${encodeURIComponent(sessionId)}&depth=0`, { credentials: 'include', cache: 'no-store' }).then((r) => r.json())
          : Promise.resolve({ docs: [] }),
      ])
      if (stopped) return
      const paid = purchases.docs?.[0]?.status === 'paid'
      setState({ paid, balance: me?.user?.shootCredits ?? null })
      if (!paid) setTimeout(check, 1500)
    }
    void check()
    return () => {
      stopped = true
    }
  }, [sessionId])

  return state.paid ? (
    <div role="status">
      <p>
        Payment received. Your balance is now <strong data-testid="new-balance">{state.balance}</strong> shoots.
      </p>
      <Link className="button" href="/">
        Choose a package
      </Link>
    </div>
  ) : (
    <p role="status">Thank you! We are confirming your payment with Stripe…</p>
  )
}
