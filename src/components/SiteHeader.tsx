import Link from 'next/link'

import { loadWallets } from '@/billing/wallets'
import { currentUser, payloadInstance } from '@/next/payloadServer'
import type { StudioBranding } from '@/studios/branding'

import { HeaderBalance } from './HeaderBalance'
import { SignOutButton } from './SignOutButton'

/** The site's header: the studio's logo or name, the catalog links and the visitor's account. */
export async function SiteHeader({ branding }: { branding: StudioBranding }) {
  const user = await currentUser()
  const wallets = user ? await loadWallets(await payloadInstance(), user.id) : []
  return (
    <header className="site-header">
      <Link className="brand" href="/">
        {branding.logo ? (
          // Beside the name, so decorative (alt=""). next/image would need every studio's host configured.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            className="brand-logo"
            src={branding.logo.url}
            alt=""
            width={branding.logo.width}
            height={branding.logo.height}
          />
        ) : null}
        <span className="brand-name">{branding.name}</span>
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
