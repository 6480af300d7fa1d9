'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import type { PublicPackage } from '@/catalog/publicCatalog'
import { ASPECT_RATIOS, PORTRAIT_TYPES } from '@/generation/vocabulary'

import { defaultReferenceRoles, type PortraitType, type ReferenceRole, referenceRolesProblem } from '@/prompt'

import { PhotoUploader, type ReferencePhoto } from './PhotoUploader'
import { PricingTiers } from './PricingTiers'
import { ThemePicker } from './ThemePicker'

const MAX_PROMPT = 500

/**
 * The seed's PackageGenerationPage: theme, photo, wishes, settings, cost, generate. `balance` is the
 * shoots the customer can spend on this package (its own wallet plus "any package" shoots).
 */
export function GenerationForm({
  pkg,
  signedIn,
  isCustomer,
  balance,
  initialThemeId = null,
  trialShoots,
  photoRetentionDays,
}: {
  pkg: PublicPackage
  signedIn: boolean
  isCustomer: boolean
  balance: number
  /** The theme chosen before signing in or up (?theme=), selected again. */
  initialThemeId?: number | null
  /** FREE_TRIAL_SHOOTS and PHOTO_RETENTION_DAYS, for the copy. */
  trialShoots: number
  photoRetentionDays: number
}) {
  const router = useRouter()
  const [themeId, setThemeId] = useState<number | null>(initialThemeId)
  const [photos, setPhotos] = useState<ReferencePhoto[]>([])
  const [portraitType, setPortraitType] = useState<PortraitType>('single')
  const [familyMemberCount, setFamilyMemberCount] = useState(4)
  const [customPrompt, setCustomPrompt] = useState('')
  const [aspectRatio, setAspectRatio] = useState('1:1')
  const [quality, setQuality] = useState<'standard' | 'high'>('standard')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const theme = pkg.themes.find((t) => t.id === themeId)
  const option = pkg.qualities.find((q) => q.quality === quality) ?? pkg.qualities[0]
  const themeCost = theme?.isPremium ? pkg.premiumShootCost : 1
  const cost = themeCost * option.costFactor
  const enough = balance >= cost
  const peopleCount = portraitType === 'single' ? 1 : portraitType === 'couple' ? 2 : familyMemberCount
  const rolesProblem = photos.length
    ? referenceRolesProblem(
        portraitType,
        photos.map((photo) => photo.role),
        peopleCount,
      )
    : null
  const tooMany = photos.length > option.maxReferencePhotos

  // Always say why Generate cannot be pressed, first things first.
  const blocker = !theme
    ? 'Choose a theme first.'
    : photos.length === 0
      ? 'Upload a photo first.'
      : tooMany
        ? `${option.quality === 'high' ? 'High' : 'Standard'} quality takes at most ${option.maxReferencePhotos} photos: remove ${photos.length - option.maxReferencePhotos}.`
        : rolesProblem
          ? rolesProblem
          : !enough
            ? `You need ${cost} ${cost === 1 ? 'shoot' : 'shoots'} and have ${balance} for ${pkg.name}. Buy a shoot pack below.`
            : null

  const changePortraitType = (type: PortraitType) => {
    setPortraitType(type)
    // Roles belong to a portrait type: give the photos the new type's defaults, in order.
    const roles = defaultReferenceRoles(type, photos.length)
    setPhotos(photos.map((photo, index) => ({ ...photo, role: roles[index] })))
  }
  const nextRole = (current: ReferencePhoto[]): ReferenceRole => {
    const roles = defaultReferenceRoles(portraitType, current.length + 1)
    if (portraitType === 'couple' && current.length === 1 && current[0].role === 'couple') return 'couple'
    if (portraitType === 'couple' && current.length === 1)
      return current[0].role === 'person-2' ? 'person-1' : 'person-2'
    return roles[current.length]
  }
  const setPhotoList = (next: ReferencePhoto[]) => {
    // A second couple photo turns the first from "both of you" into person 1.
    if (portraitType === 'couple' && next.length === 2 && next.every((photo) => photo.role === 'couple')) {
      next = next.map((photo, index) => ({ ...photo, role: index === 0 ? 'person-1' : 'person-2' }))
    }
    if (
      portraitType === 'family' &&
      photos.length === 1 &&
      next.length === 2 &&
      next[0].role === 'group' &&
      next[1].role === 'group'
    ) {
      next = [next[0], { ...next[1], role: 'family-member' }]
    }
    setPhotos(next)
  }

  // Sign-in and sign-up bring the visitor back to this package with the theme they chose.
  const back = encodeURIComponent(`/packages/${pkg.slug}${themeId ? `?theme=${themeId}` : ''}`)
  const trial =
    trialShoots > 0 ? ` New accounts get ${trialShoots} free ${trialShoots === 1 ? 'shoot' : 'shoots'}.` : ''

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
        uploadIds: photos.map((photo) => photo.id),
        referenceRoles: photos.map((photo) => photo.role),
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
        <ThemePicker
          themes={pkg.themes}
          selected={themeId}
          premiumCost={pkg.premiumShootCost}
          onSelect={setThemeId}
        />
        <fieldset>
          <legend>2. Who is in the portrait?</legend>
          <div className="radio-row" role="radiogroup" aria-label="Portrait type">
            {PORTRAIT_TYPES.map((type) => (
              <label key={type} className="radio-pill">
                <input
                  type="radio"
                  name="portraitType"
                  value={type}
                  checked={portraitType === type}
                  onChange={() => changePortraitType(type)}
                />
                {type[0].toUpperCase() + type.slice(1)}
              </label>
            ))}
          </div>
          {portraitType === 'family' && (
            <label className="field">
              People in the family portrait
              <input
                type="number"
                min={2}
                max={12}
                value={familyMemberCount}
                onChange={(e) => setFamilyMemberCount(Number(e.target.value))}
              />
            </label>
          )}
          <p className="notice" data-testid="portrait-type-note">
            {portraitType === 'single'
              ? 'Upload a photo of yourself; more angles of the same person help the likeness.'
              : portraitType === 'couple'
                ? 'Your photos must show both of you: one photo of each of you (person 1 and person 2), or one photo with you both.'
                : `Your photos must show all ${familyMemberCount} of you: one photo of each person, or a group photo with everyone.`}
          </p>
        </fieldset>
        <fieldset>
          <legend>
            3. Upload your {photos.length > 1 || portraitType !== 'single' ? 'photos' : 'photo'}
          </legend>
          <ul className="photo-tips small" aria-label="Photo tips">
            <li>Good, even light: daylight facing a window works best.</li>
            <li>Face clearly visible, looking at the camera; no sunglasses, nothing covering the face.</li>
            <li>
              {portraitType === 'single'
                ? 'Just you in the photo.'
                : 'Everyone in the portrait must appear in at least one photo.'}
            </li>
          </ul>
          <p className="muted small" data-testid="photo-retention">
            Your photos are only used for your portraits and are deleted automatically {photoRetentionDays}{' '}
            {photoRetentionDays === 1 ? 'day' : 'days'} after their last use.{' '}
            <Link href="/privacy">Privacy</Link>
          </p>
          {signedIn ? (
            <PhotoUploader
              photos={photos}
              onChange={setPhotoList}
              portraitType={portraitType}
              max={pkg.maxReferencePhotos}
              nextRole={nextRole}
            />
          ) : (
            <p>
              <Link href={`/login?next=${back}`}>Sign in</Link> or{' '}
              <Link href={`/signup?next=${back}`}>create an account</Link> to upload a photo.{trial}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>4. Your wishes</legend>
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
              <select
                value={quality}
                onChange={(e) => setQuality(e.target.value as 'standard' | 'high')}
                data-testid="quality"
              >
                {pkg.qualities.map((q) => (
                  <option key={q.quality} value={q.quality}>
                    {q.quality === 'high'
                      ? `High (${q.imageSize}, ×${q.costFactor} shoots)`
                      : `Standard (${q.imageSize})`}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
      </div>
      <aside className="generation-summary" aria-label="Summary">
        <h2>Your shoot</h2>
        <p>{theme ? theme.name : 'Pick a theme'}</p>
        <p data-testid="shoot-cost">
          Costs <strong>{cost}</strong> {cost === 1 ? 'shoot' : 'shoots'}
          {option.costFactor > 1 && ` (${themeCost} × ${option.costFactor} for high quality)`} · makes{' '}
          {pkg.imagesPerGeneration} portraits
        </p>
        <p className="muted small">
          {photos.length} of up to {option.maxReferencePhotos}{' '}
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
            onClick={generate}
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
      <PricingTiers tiers={pkg.pricing} signedIn={signedIn} />
    </div>
  )
}
