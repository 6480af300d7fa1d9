import Link from 'next/link'
import { redirect } from 'next/navigation'

import { purchaseLabel } from '@/billing/purchaseLabel'
import { loadWallets } from '@/billing/wallets'
import { AccountDataControls } from '@/components/account/AccountDataControls'
import { AccountDetailsForm } from '@/components/account/AccountDetailsForm'
import { DeleteButton } from '@/components/account/DeleteButton'
import { formatMoney, formatDate } from '@/lib/format'
import { currentUser, payloadInstance } from '@/next/payloadServer'
import type { Generation, GenerationResult } from '@/payload-types'

import { LedgerTable } from './LedgerTable'

export const metadata = { title: 'Your account' }

const generationTitle = (generation: Generation): string => {
  const pkg =
    typeof generation.package === 'object' && generation.package
      ? generation.package.name
      : generation.packageName
  const theme =
    typeof generation.theme === 'object' && generation.theme ? generation.theme.name : generation.themeName
  return [pkg ?? 'Package', theme ?? 'Theme'].join(' · ')
}

/** The first delivered portrait's small variant, for the card. */
const coverOf = (generation: Generation): string | null => {
  for (const image of generation.images ?? []) {
    const result = image.result as GenerationResult | number | null | undefined
    if (result && typeof result === 'object') return result.sizes?.thumbnail?.url ?? result.url ?? null
  }
  return null
}

export default async function AccountPage() {
  const user = await currentUser()
  if (!user) redirect('/login?next=/account')
  const payload = await payloadInstance()
  const asUser = { user, overrideAccess: false, depth: 1 } as const
  const [wallets, ledger, purchases, generations, photos] = await Promise.all([
    loadWallets(payload, user.id),
    payload.find({ collection: 'credit-ledger', sort: '-createdAt', limit: 50, ...asUser, depth: 0 }),
    payload.find({ collection: 'purchases', sort: '-createdAt', limit: 20, ...asUser }),
    payload.find({ collection: 'generations', sort: '-createdAt', limit: 30, ...asUser }),
    payload.find({ collection: 'photo-uploads', sort: '-createdAt', limit: 60, ...asUser, depth: 0 }),
  ])
  return (
    <>
      <h1>Your account</h1>
      <div className="balance-card">
        <p>
          Balance: <strong data-testid="account-balance">{user.shootCredits ?? 0}</strong>{' '}
          {(user.shootCredits ?? 0) === 1 ? 'shoot' : 'shoots'}
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
                    {wallet.packageSlug ? (
                      <Link href={`/packages/${wallet.packageSlug}`}>{wallet.packageName}</Link>
                    ) : (
                      wallet.packageName
                    )}{' '}
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
          <ul className="account-grid" data-testid="account-generations">
            {generations.docs.map((generation) => {
              const cover = coverOf(generation)
              const title = generationTitle(generation)
              return (
                <li key={generation.id} className="account-card">
                  <Link href={`/generations/${generation.id}`} className="account-card-link">
                    {cover ? (
                      // eslint-disable-next-line @next/next/no-img-element -- private file behind the auth cookie
                      <img
                        src={cover}
                        alt={`Portrait from ${title}`}
                        width={256}
                        height={256}
                        loading="lazy"
                      />
                    ) : (
                      <span className="account-card-empty" aria-hidden="true">
                        {generation.status === 'queued' || generation.status === 'running' ? '…' : '—'}
                      </span>
                    )}
                    <span className="account-card-title">{title}</span>
                  </Link>
                  <span className="muted small">
                    {generation.status.replace('_', ' ')} · {formatDate(generation.createdAt)}
                  </span>
                  {generation.status === 'queued' || generation.status === 'running' ? null : (
                    <DeleteButton
                      url={`/api/generations/${generation.id}`}
                      what={`the shoot "${title}" and its portraits`}
                    />
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="photos-title">
        <h2 id="photos-title">Your photos</h2>
        {photos.docs.length === 0 ? (
          <p className="muted">No photos stored.</p>
        ) : (
          <ul className="account-grid account-grid-small" data-testid="account-photos">
            {photos.docs.map((photo) => (
              <li key={photo.id} className="account-card">
                {/* eslint-disable-next-line @next/next/no-img-element -- private file behind the auth cookie */}
                <img
                  src={photo.sizes?.thumbnail?.url ?? photo.url ?? ''}
                  alt={`Your photo from ${formatDate(photo.createdAt)}`}
                  width={128}
                  height={128}
                  loading="lazy"
                />
                <span className="muted small">{formatDate(photo.createdAt)}</span>
                <DeleteButton
                  url={`/api/photo-uploads/${photo.id}`}
                  what={`the photo from ${formatDate(photo.createdAt)}`}
                />
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
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">What</th>
                  <th scope="col">Shoots</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {purchases.docs.map((purchase) => (
                  <tr key={purchase.id}>
                    <td>{formatDate(purchase.createdAt)}</td>
                    <td>{purchaseLabel(purchase)}</td>
                    <td>{purchase.shoots}</td>
                    <td>{formatMoney(purchase.amountCents, purchase.currency)}</td>
                    <td>{purchase.status.replace('_', ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">Shoot history</h2>
        <LedgerTable rows={ledger.docs} />
      </section>
      <section aria-labelledby="details-title">
        <h2 id="details-title">Your details</h2>
        <AccountDetailsForm name={user.name ?? ''} email={user.email} />
      </section>
      <section aria-labelledby="data-title">
        <h2 id="data-title">Your data</h2>
        <AccountDataControls email={user.email} />
      </section>
    </>
  )
}
