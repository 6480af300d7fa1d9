import Link from 'next/link'

import { loadWallets } from '@/billing/wallets'
import { currentUser, payloadInstance } from '@/next/payloadServer'

import { HeaderBalance } from './HeaderBalance'
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
            <HeaderBalance initial={{ shoots: user.shootCredits ?? 0, wallets }} />
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
