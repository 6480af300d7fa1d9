import Link from 'next/link'

import { loadWallets } from '@/billing/wallets'
import { describeWallets, shortWallets } from '@/billing/walletWords'
import { currentUser, payloadInstance } from '@/next/payloadServer'

import { SignOutButton } from './SignOutButton'

export async function SiteHeader() {
  const user = await currentUser()
  const wallets = user ? await loadWallets(await payloadInstance(), user.id) : []
  return (
    <header className="site-header">
      <Link className="brand" href="/">
        Photo Packages
      </Link>
      <nav aria-label="Main" className="site-nav">
        <Link href="/">Packages</Link>
        <Link href="/packages/compare">Compare</Link>
        {user ? (
          <>
            <Link href="/account" data-testid="balance" title={describeWallets(wallets)}>
              {user.shootCredits ?? 0} shoots
            </Link>
            {/* Package shoots work on their package only, so the header says where the shoots are. */}
            {wallets.some((wallet) => wallet.packageId !== null) && (
              <span className="header-wallets muted small" data-testid="header-wallets">
                {shortWallets(wallets)}
              </span>
            )}
            <SignOutButton />
          </>
        ) : (
          <>
            <Link href="/login">Sign in</Link>
            <Link className="button button-small" href="/signup">
              Sign up
            </Link>
          </>
        )}
      </nav>
    </header>
  )
}
