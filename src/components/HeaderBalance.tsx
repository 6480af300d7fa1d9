'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useEffect, useState } from 'react'

import { describeWallets, shortWallets, type WalletBalance } from '@/billing/walletWords'
import { plural } from '@/lib/format'

import { getJson } from './api'

const BALANCE_CHANGED = 'photo-packages:balance-changed'

/** Tells the header that the balance may have changed on this page (a refund, a purchase). */
export const announceBalanceChange = (): void => {
  window.dispatchEvent(new Event(BALANCE_CHANGED))
}

export interface HeaderBalanceValue {
  shoots: number
  wallets: WalletBalance[]
}

/**
 * The header's shoot balance and, when some shoots belong to one package, where they are. The
 * layout that holds the header is not rendered again when the visitor moves between pages, so
 * what the server gave would go stale after a shoot, a purchase or an admin's grant: it is read
 * again from /api/users/me (balance and wallets) on every page change, when the tab comes back into view,
 * and when a page announces a change.
 */
export function HeaderBalance({ initial }: { initial: HeaderBalanceValue }) {
  const pathname = usePathname()
  const [balance, setBalance] = useState(initial)

  // A new server value (after router.refresh) replaces what the page last read, adjusted while rendering.
  const [seenInitial, setSeenInitial] = useState(initial)
  if (seenInitial !== initial) {
    setSeenInitial(initial)
    setBalance(initial)
  }

  useEffect(() => {
    let stopped = false
    const refresh = async () => {
      const answer = await getJson<{ user?: { shootCredits?: unknown; wallets?: unknown } | null }>(
        '/api/users/me',
        { cache: 'no-store' },
      ).catch(() => null)
      const user = answer?.ok ? answer.body?.user : null
      if (!stopped && typeof user?.shootCredits === 'number') {
        setBalance({ shoots: user.shootCredits, wallets: Array.isArray(user.wallets) ? user.wallets : [] })
      }
    }
    const whenVisible = () => {
      if (document.visibilityState === 'visible') void refresh()
    }
    void refresh()
    window.addEventListener(BALANCE_CHANGED, refresh)
    document.addEventListener('visibilitychange', whenVisible)
    return () => {
      stopped = true
      window.removeEventListener(BALANCE_CHANGED, refresh)
      document.removeEventListener('visibilitychange', whenVisible)
    }
  }, [pathname])

  return (
    <>
      <Link href="/account" data-testid="balance" title={describeWallets(balance.wallets)}>
        {plural(balance.shoots, 'shoot')}
      </Link>
      {/* Package shoots work on their package only, so the header says where the shoots are. */}
      {balance.wallets.some((wallet) => wallet.packageId !== null) && (
        <span className="header-wallets muted small" data-testid="header-wallets">
          {shortWallets(balance.wallets)}
        </span>
      )}
    </>
  )
}
