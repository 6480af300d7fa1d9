'use client'

import Link from 'next/link'

import type { PublicPackage } from '@/catalog/publicCatalog'

/**
 * The generation form's summary beside the steps: the theme, what the shoot costs and makes, the
 * customer's shoots for this package, and the Generate button with why it cannot be pressed yet
 * (`blocker`) or the server's refusal (`error`). `back` is the encoded path sign-in returns to.
 */
export function GenerationSummary({
  pkg,
  themeName,
  cost,
  themeCost,
  option,
  photoCount,
  signedIn,
  isCustomer,
  balance,
  back,
  busy,
  blocker,
  error,
  onGenerate,
}: {
  pkg: PublicPackage
  themeName: string | null
  cost: number
  /** The theme's cost before the quality's factor. */
  themeCost: number
  option: PublicPackage['qualities'][number]
  photoCount: number
  signedIn: boolean
  isCustomer: boolean
  balance: number
  back: string
  busy: boolean
  blocker: string | null
  error: string | null
  onGenerate: () => void
}) {
  return (
    <aside className="generation-summary" aria-label="Summary">
      <h2>Your shoot</h2>
      <p>{themeName ?? 'Pick a theme'}</p>
      <p data-testid="shoot-cost">
        Costs <strong>{cost}</strong> {cost === 1 ? 'shoot' : 'shoots'}
        {option.costFactor > 1 && ` (${themeCost} × ${option.costFactor} for high quality)`} · makes{' '}
        {pkg.imagesPerGeneration} portraits
      </p>
      <p className="muted small">
        {photoCount} of up to {option.maxReferencePhotos}{' '}
        {option.maxReferencePhotos === 1 ? 'photo' : 'photos'} ·{' '}
        {option.quality === 'high' ? 'high' : 'standard'} quality, {option.imageSize}
      </p>
      {signedIn && (
        <p>
          Shoots for {pkg.name}: <strong data-testid="form-balance">{balance}</strong>
        </p>
      )}
      {!signedIn ? (
        <Link className="button" href={`/login?next=${back}`}>
          Sign in to generate
        </Link>
      ) : !isCustomer ? (
        <p className="muted">Staff accounts preview themes in the admin instead.</p>
      ) : (
        <button
          className="button"
          type="button"
          onClick={onGenerate}
          disabled={busy || blocker !== null}
          aria-describedby="generate-blocker"
        >
          {busy ? 'Starting…' : `Generate for ${cost} ${cost === 1 ? 'shoot' : 'shoots'}`}
        </button>
      )}
      {signedIn && isCustomer && blocker && (
        <p className="muted" id="generate-blocker" data-testid="generate-blocker">
          {blocker}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </aside>
  )
}
