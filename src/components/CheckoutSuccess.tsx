'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'

import { describeWallets, type WalletBalance } from '@/billing/walletWords'

interface State {
  paid: boolean
  balance: number | null
  wallets: WalletBalance[]
}

/** Polls until the webhook has landed (the purchase is paid), then shows the new balance, wallet by wallet. */
export function CheckoutSuccess({ sessionId }: { sessionId: string | null }) {
  const [state, setState] = useState<State>({ paid: false, balance: null, wallets: [] })

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
      setState({ paid, balance: me?.user?.shootCredits ?? null, wallets: Array.isArray(me?.user?.wallets) ? me.user.wallets : [] })
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
        Payment received. Your balance is now <strong data-testid="new-balance">{state.balance}</strong> shoots
        {state.wallets.length > 0 && (
          <>
            : <span data-testid="new-wallets">{describeWallets(state.wallets)}</span>
          </>
        )}
        .
      </p>
      {state.wallets.some((wallet) => wallet.packageId !== null) && (
        <p className="muted small">Shoots bought for a package work on that package only.</p>
      )}
      <Link className="button" href="/">
        Choose a package
      </Link>
    </div>
  ) : (
    <p role="status">Thank you! We are confirming your payment with Stripe…</p>
  )
}
