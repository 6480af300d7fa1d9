'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import type { PublicPackage } from '@/catalog/publicCatalog'
import { defaultReferenceRoles, type PortraitType, referenceRolesProblem } from '@/prompt'

import { postJson } from './api'
import { PortraitTypeChoice, WishesAndSettings } from './generationForm/GenerationOptions'
import { GenerationSummary } from './generationForm/GenerationSummary'
import { PhotoPicker } from './generationForm/PhotoPicker'
import type { ReferencePhoto } from './PhotoUploader'
import { PricingTiers } from './PricingTiers'
import { ThemePicker } from './ThemePicker'

/**
 * The seed's PackageGenerationPage: theme, who is in it, photos, wishes and settings (the steps),
 * then cost and generate (the summary); this component holds the state and POSTs /api/generate. `balance` is the
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
  // The chosen quality's limit, as the server computed it (publicCatalog's servedQualities) and
  // as POST /api/generate enforces it: the uploader, the summary and the blocker all read it.
  const maxPhotos = option.maxReferencePhotos
  const tooMany = photos.length > maxPhotos

  // Always say why Generate cannot be pressed, first things first.
  const blocker = !theme
    ? 'Choose a theme first.'
    : photos.length === 0
      ? 'Upload a photo first.'
      : tooMany
        ? `${option.quality === 'high' ? 'High' : 'Standard'} quality takes at most ${maxPhotos} photos: remove ${photos.length - maxPhotos}.`
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

  // Sign-in and sign-up bring the visitor back to this package with the theme they chose.
  const back = encodeURIComponent(`/packages/${pkg.slug}${themeId ? `?theme=${themeId}` : ''}`)

  const generate = async () => {
    setBusy(true)
    setError(null)
    const answer = await postJson<{ generationId: number }>('/api/generate', {
      packageSlug: pkg.slug,
      themeId,
      uploadIds: photos.map((photo) => photo.id),
      referenceRoles: photos.map((photo) => photo.role),
      portraitType,
      familyMemberCount: portraitType === 'family' ? familyMemberCount : undefined,
      customPrompt: customPrompt || undefined,
      generationSettings: { aspectRatio, quality },
    })
    if (answer.ok && answer.status === 202) {
      router.push(`/generations/${answer.body.generationId}`)
      return
    }
    setBusy(false)
    setError(answer.error ?? 'Something went wrong. Please try again.')
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
        <PortraitTypeChoice
          portraitType={portraitType}
          onPortraitType={changePortraitType}
          familyMemberCount={familyMemberCount}
          onFamilyMemberCount={setFamilyMemberCount}
        />
        <PhotoPicker
          photos={photos}
          onChange={setPhotos}
          portraitType={portraitType}
          maxPhotos={maxPhotos}
          signedIn={signedIn}
          back={back}
          trialShoots={trialShoots}
          photoRetentionDays={photoRetentionDays}
        />
        <WishesAndSettings
          customPrompt={customPrompt}
          onCustomPrompt={setCustomPrompt}
          aspectRatio={aspectRatio}
          onAspectRatio={setAspectRatio}
          quality={quality}
          onQuality={setQuality}
          qualities={pkg.qualities}
        />
      </div>
      <GenerationSummary
        pkg={pkg}
        themeName={theme ? theme.name : null}
        cost={cost}
        themeCost={themeCost}
        option={option}
        photoCount={photos.length}
        signedIn={signedIn}
        isCustomer={isCustomer}
        balance={balance}
        back={back}
        busy={busy}
        blocker={blocker}
        error={error}
        onGenerate={generate}
      />
      <PricingTiers tiers={pkg.pricing} currency={pkg.currency} signedIn={signedIn} />
    </div>
  )
}
