'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useEffect, useState } from 'react'

import { plural } from '@/lib/format'

const BALANCE_CHANGED = 'photo-packages:balance-changed'

/** Tells the header that the balance may have changed on this page (a refund, a purchase). */
export const announceBalanceChange = (): void => {
  window.dispatchEvent(new Event(BALANCE_CHANGED))
}

/**
 * The header's shoot balance. The layout that holds the header is not rendered again when the
 * visitor moves between pages, so the number the server gave would go stale after a shoot, a
 * purchase or an admin's grant: it is read again from /api/users/me on every page change, when
 * the tab comes back into view, and when a page announces a change.
 */
export function HeaderBalance({ initial }: { initial: number }) {
  const pathname = usePathname()
  const [balance, setBalance] = useState(initial)

  useEffect(() => setBalance(initial), [initial])

  useEffect(() => {
    let stopped = false
    const refresh = async () => {
      const response = await fetch('/api/users/me', { credentials: 'include', cache: 'no-store' }).catch(() => null)
      const body = response?.ok ? await response.json().catch(() => null) : null
      if (!stopped && typeof body?.user?.shootCredits === 'number') setBalance(body.user.shootCredits)
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
    <Link href="/account" data-testid="balance">
      {plural(balance, 'shoot')}
    </Link>
  )
}
