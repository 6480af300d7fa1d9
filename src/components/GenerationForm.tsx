'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import type { PublicPackage } from '@/catalog/publicCatalog'

import { type UploadedPhoto, PhotoUploader } from './PhotoUploader'
import { PricingTiers } from './PricingTiers'
import { ThemePicker } from './ThemePicker'

const ASPECT_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9']
const MAX_PROMPT = 500

/** The seed's PackageGenerationPage: theme, photo, wishes, settings, cost, generate. */
export function GenerationForm({ pkg, signedIn, isCustomer, balance }: { pkg: PublicPackage; signedIn: boolean; isCustomer: boolean; balance: number }) {
  const router = useRouter()
  const [themeId, setThemeId] = useState<number | null>(null)
  const [photo, setPhoto] = useState<UploadedPhoto | null>(null)
  const [portraitType, setPortraitType] = useState<'single' | 'couple' | 'family'>('single')
  const [familyMemberCount, setFamilyMemberCount] = useState(4)
  const [customPrompt, setCustomPrompt] = useState('')
  const [aspectRatio, setAspectRatio] = useState('1:1')
  const [quality, setQuality] = useState<'standard' | 'high'>('standard')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const theme = pkg.themes.find((t) => t.id === themeId)
  const cost = theme?.isPremium ? pkg.premiumShootCost : 1
  const enough = balance >= cost

  const generate = async () => {
    setBusy(true)
    setError(null)
    const response = await fetch('/api/generate', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        packageSlug: pkg.slug,
        themeId,
        uploadId: photo?.id,
        portraitType,
        familyMemberCount: portraitType === 'family' ? familyMemberCount : undefined,
        customPrompt: customPrompt || undefined,
        generationSettings: { aspectRatio, quality },
      }),
    })
    const body = await response.json().catch(() => ({}))
    if (response.status === 202) {
      router.push(`/generations/${body.generationId}`)
      return
    }
    setBusy(false)
    setError(body.error ?? 'Something went wrong. Please try again.')
  }

  return (
    <div className="generation-layout">
      <div className="generation-steps">
        <ThemePicker themes={pkg.themes} selected={themeId} premiumCost={pkg.premiumShootCost} onSelect={setThemeId} />
        <fieldset>
          <legend>2. Upload your photo</legend>
          {signedIn ? (
            <PhotoUploader onUploaded={setPhoto} />
          ) : (
            <p>
              <Link href={`/login?next=${encodeURIComponent(`/packages/${pkg.slug}`)}`}>Sign in</Link> or{' '}
              <Link href={`/signup?next=${encodeURIComponent(`/packages/${pkg.slug}`)}`}>create an account</Link> to upload a photo. New
              accounts get 3 free shoots.
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>3. Your wishes</legend>
          <div className="radio-row" role="radiogroup" aria-label="Portrait type">
            {(['single', 'couple', 'family'] as const).map((type) => (
              <label key={type} className="radio-pill">
                <input type="radio" name="portraitType" value={type} checked={portraitType === type} onChange={() => setPortraitType(type)} />
                {type[0].toUpperCase() + type.slice(1)}
              </label>
            ))}
          </div>
          {portraitType === 'family' && (
            <label className="field">
              People in the family portrait
              <input type="number" min={2} max={12} value={familyMemberCount} onChange={(e) => setFamilyMemberCount(Number(e.target.value))} />
            </label>
          )}
          <label className="field">
            Anything to add? (optional)
            <textarea
              name="customPrompt"
              maxLength={MAX_PROMPT}
              rows={3}
              value={customPrompt}
              placeholder="For example: a soft smile, our dog in the picture"
              onChange={(e) => setCustomPrompt(e.target.value)}
            />
            <span className="muted small" aria-live="polite">
              {customPrompt.length}/{MAX_PROMPT}
            </span>
          </label>
          <div className="settings-row">
            <label className="field">
              Aspect ratio
              <select value={aspectRatio} onChange={(e) => setAspectRatio(e.target.value)}>
                {ASPECT_RATIOS.map((ratio) => (
                  <option key={ratio}>{ratio}</option>
                ))}
              </select>
            </label>
            <label className="field">
              Quality
              <select value={quality} onChange={(e) => setQuality(e.target.value as 'standard' | 'high')}>
                <option value="standard">Standard</option>
                <option value="high">High</option>
              </select>
            </label>
          </div>
        </fieldset>
      </div>
      <aside className="generation-summary" aria-label="Summary">
        <h2>Your shoot</h2>
        <p>{theme ? theme.name : 'Pick a theme'}</p>
        <p>
          Costs <strong>{cost}</strong> {cost === 1 ? 'shoot' : 'shoots'} · makes {pkg.imagesPerGeneration} portraits
        </p>
        {signedIn && (
          <p>
            Your balance: <strong data-testid="form-balance">{balance}</strong> shoots
          </p>
        )}
        {!signedIn ? (
          <Link className="button" href={`/login?next=/packages/${pkg.slug}`}>
            Sign in to generate
          </Link>
        ) : !isCustomer ? (
          <p className="muted">Staff accounts preview themes in the admin instead.</p>
        ) : (
          <button className="button" type="button" onClick={generate} disabled={busy || !theme || !photo || !enough}>
            {busy ? 'Starting…' : `Generate for ${cost} ${cost === 1 ? 'shoot' : 'shoots'}`}
          </button>
        )}
        {signedIn && !enough && theme && <p className="form-error">You need {cost} shoots. Buy a shoot pack below.</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </aside>
      <PricingTiers tiers={pkg.pricing} signedIn={signedIn} />
    </div>
  )
}
