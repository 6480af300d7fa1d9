import Link from 'next/link'
import { redirect } from 'next/navigation'

import { loadWallets } from '@/billing/wallets'
import { formatMoney, formatDate } from '@/lib/format'
import { currentUser, payloadInstance } from '@/next/payloadServer'
import type { Purchase } from '@/payload-types'

export const metadata = { title: 'Your account' }

/** "Engaged to Married bundle" or "Wedding Portraits: Starter"; ids only when a record is gone or hidden. */
const purchaseLabel = (purchase: Purchase): string => {
  if (purchase.bundle) return typeof purchase.bundle === 'object' ? `${purchase.bundle.name} bundle` : 'Bundle'
  const pkg = typeof purchase.package === 'object' && purchase.package ? purchase.package.name : null
  const tier = typeof purchase.tier === 'object' && purchase.tier ? purchase.tier.name : null
  return [pkg, tier].filter(Boolean).join(': ') || 'Shoots'
}

export default async function AccountPage() {
  const user = await currentUser()
  if (!user) redirect('/login?next=/account')
  const payload = await payloadInstance()
  const asUser = { user, overrideAccess: false, depth: 1 } as const
  const [wallets, ledger, purchases, generations] = await Promise.all([
    loadWallets(payload, user.id),
    payload.find({ collection: 'credit-ledger', sort: '-createdAt', limit: 50, ...asUser, depth: 0 }),
    payload.find({ collection: 'purchases', sort: '-createdAt', limit: 20, ...asUser }),
    payload.find({ collection: 'generations', sort: '-createdAt', limit: 20, ...asUser }),
  ])
  return (
    <>
      <h1>Your account</h1>
      <div className="balance-card">
        <p>
          Balance: <strong data-testid="account-balance">{user.shootCredits ?? 0}</strong> shoots
        </p>
        {wallets.length > 0 && (
          <ul className="wallets" data-testid="account-wallets">
            {wallets.map((wallet) => (
              <li key={wallet.packageId ?? 'any'}>
                {wallet.packageId === null ? (
                  <>
                    <strong>{wallet.shoots}</strong> for any package
                  </>
                ) : (
                  <>
                    <strong>{wallet.shoots}</strong> for{' '}
                    {wallet.packageSlug ? <Link href={`/packages/${wallet.packageSlug}`}>{wallet.packageName}</Link> : wallet.packageName}{' '}
                    only
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <section aria-labelledby="generations-title">
        <h2 id="generations-title">Your portraits</h2>
        {generations.docs.length === 0 ? (
          <p className="muted">
            No portraits yet. <Link href="/">Choose a package</Link> to start.
          </p>
        ) : (
          <ul className="history">
            {generations.docs.map((generation) => (
              <li key={generation.id}>
                <Link href={`/generations/${generation.id}`}>
                  {typeof generation.package === 'object' ? generation.package.name : 'Package'} ·{' '}
                  {typeof generation.theme === 'object' ? generation.theme.name : 'Theme'}
                </Link>{' '}
                <span className="muted small">
                  {generation.status.replace('_', ' ')} · {formatDate(generation.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="purchases-title">
        <h2 id="purchases-title">Purchases</h2>
        {purchases.docs.length === 0 ? (
          <p className="muted">No purchases yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr><th scope="col">Date</th><th scope="col">What</th><th scope="col">Shoots</th><th scope="col">Amount</th><th scope="col">Status</th></tr>
            </thead>
            <tbody>
              {purchases.docs.map((purchase) => (
                <tr key={purchase.id}>
                  <td>{formatDate(purchase.createdAt)}</td>
                  <td>{purchaseLabel(purchase)}</td>
                  <td>{purchase.shoots}</td>
                  <td>{formatMoney(purchase.amountCents)}</td>
                  <td>{purchase.status.replace('_', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">Shoot history</h2>
        <table className="table">
          <thead>
            <tr><th scope="col">Date</th><th scope="col">What</th><th scope="col">Change</th><th scope="col">Balance</th></tr>
          </thead>
          <tbody>
            {ledger.docs.map((row) => (
              <tr key={row.id}>
                <td>{formatDate(row.createdAt)}</td>
                <td>{row.reason ?? row.kind.replace('_', ' ')}</td>
                <td>{row.amount > 0 ? `+${row.amount}` : row.amount}</td>
                <td>{row.balanceAfter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  )
}
