'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'

import { describeWallets, type WalletBalance } from '@/billing/walletWords'
import { plural } from '@/lib/format'

import { getJson } from './api'
import { announceBalanceChange } from './HeaderBalance'

const POLL_MS = 1500
/** How long to wait for Stripe's confirmation before saying so (the webhook usually lands in seconds). */
export const CONFIRM_TIMEOUT_MS = 60_000
/** A checkout this studio created has its purchase from the start: missing after a few tries means unknown. */
const UNKNOWN_AFTER_TRIES = 3

interface Me {
  user?: { shootCredits?: number; wallets?: unknown } | null
}

type State =
  | { kind: 'checking' }
  | { kind: 'paid'; balance: number | null; wallets: WalletBalance[] }
  | { kind: 'signed-out' }
  | { kind: 'unknown' }
  | { kind: 'unpaid'; status: string }
  | { kind: 'slow' }

/**
 * After Stripe Checkout: polls until the webhook has landed (the purchase is paid), then shows
 * the new balance. It stops and says what happened when the link names no checkout of this
 * account, when the payment failed or expired, or after CONFIRM_TIMEOUT_MS without a confirmation.
 */
export function CheckoutSuccess({ sessionId }: { sessionId: string | null }) {
  const [state, setState] = useState<State>(sessionId ? { kind: 'checking' } : { kind: 'unknown' })

  useEffect(() => {
    if (!sessionId) return
    let stopped = false
    let tries = 0
    const started = Date.now()
    const check = async () => {
      tries += 1
      const [me, purchases] = await Promise.all([
        // Read whatever the status: an answer without a user means the visitor is signed out.
        getJson<Me>('/api/users/me', { cache: 'no-store' })
          .then((answer) => answer.body as Me | null)
          .catch(() => null),
        getJson<{ docs?: { status: string }[] }>(
          `/api/purchases?where[stripeSessionId][equals]=${encodeURIComponent(sessionId)}&depth=0`,
          { cache: 'no-store' },
        )
          .then((answer) => (answer.ok ? answer.body : { docs: [] }))
          .catch(() => null),
      ])
      if (stopped) return
      const purchase = purchases?.docs?.[0]
      if (me && !me.user) return setState({ kind: 'signed-out' })
      if (purchase?.status === 'paid') {
        announceBalanceChange()
        const wallets = Array.isArray(me?.user?.wallets) ? (me.user.wallets as WalletBalance[]) : []
        return setState({ kind: 'paid', balance: me?.user?.shootCredits ?? null, wallets })
      }
      if (purchase && ['failed', 'expired'].includes(purchase.status))
        return setState({ kind: 'unpaid', status: purchase.status })
      if (!purchase && purchases && tries >= UNKNOWN_AFTER_TRIES) return setState({ kind: 'unknown' })
      if (Date.now() - started >= CONFIRM_TIMEOUT_MS) return setState({ kind: 'slow' })
      setTimeout(check, POLL_MS)
    }
    void check()
    return () => {
      stopped = true
    }
  }, [sessionId])

  switch (state.kind) {
    case 'paid':
      return (
        <div role="status">
          <p>
            Payment received. Your balance is now <strong data-testid="new-balance">{state.balance}</strong>{' '}
            {state.balance === 1 ? 'shoot' : 'shoots'}
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
      )
    case 'checking':
      return <p role="status">Thank you! We are confirming your payment with Stripe…</p>
    case 'signed-out':
      return (
        <p role="alert" data-testid="checkout-outcome">
          Sign in to see this purchase. <Link href="/login?next=/account">Sign in</Link>
        </p>
      )
    case 'unknown':
      return (
        <p role="alert" data-testid="checkout-outcome">
          We could not find this checkout among your purchases, so nothing was added. If you paid, the shoots
          appear on <Link href="/account">your account</Link> as soon as Stripe confirms; otherwise, choose a
          pack again.
        </p>
      )
    case 'unpaid':
      return (
        <p role="alert" data-testid="checkout-outcome">
          The payment {state.status === 'expired' ? 'was not completed in time' : 'did not go through'}:
          nothing was charged and no shoots were added. <Link href="/">Choose a pack again</Link> or see{' '}
          <Link href="/account">your account</Link>.
        </p>
      )
    case 'slow':
      return (
        <p role="alert" data-testid="checkout-outcome">
          Stripe has not confirmed the payment after {plural(CONFIRM_TIMEOUT_MS / 60_000, 'minute')}. This can
          take a little longer: your shoots are added as soon as it does. Check{' '}
          <Link href="/account">your account</Link> in a few minutes.
        </p>
      )
  }
}
