'use client'

import Link from 'next/link'

import { defaultReferenceRoles, type PortraitType, type ReferenceRole } from '@/prompt'

import { PhotoUploader, type ReferencePhoto } from '../PhotoUploader'

/**
 * Step 3 of the generation form: photo tips, how long photos are kept, and the uploader (signed in)
 * or links to sign in or up (`back` is the encoded path to return to). Each new photo gets the
 * next role for the portrait type; a second photo may change the first one's role (see setPhotoList).
 */
export function PhotoPicker({
  photos,
  onChange,
  portraitType,
  maxPhotos,
  signedIn,
  back,
  trialShoots,
  photoRetentionDays,
}: {
  photos: ReferencePhoto[]
  onChange: (photos: ReferencePhoto[]) => void
  portraitType: PortraitType
  /** The chosen quality's maxReferencePhotos: what POST /api/generate takes. */
  maxPhotos: number
  signedIn: boolean
  back: string
  trialShoots: number
  photoRetentionDays: number
}) {
  const nextRole = (current: ReferencePhoto[]): ReferenceRole => nextPhotoRole(portraitType, current)
  const setPhotoList = (next: ReferencePhoto[]) => onChange(withPairedRoles(portraitType, photos, next))
  const trial =
    trialShoots > 0 ? ` New accounts get ${trialShoots} free ${trialShoots === 1 ? 'shoot' : 'shoots'}.` : ''

  return (
    <fieldset>
      <legend>3. Upload your {photos.length > 1 || portraitType !== 'single' ? 'photos' : 'photo'}</legend>
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
        {photoRetentionDays === 1 ? 'day' : 'days'} after their last use. <Link href="/privacy">Privacy</Link>
      </p>
      {signedIn ? (
        <PhotoUploader
          photos={photos}
          onChange={setPhotoList}
          portraitType={portraitType}
          max={maxPhotos}
          nextRole={nextRole}
        />
      ) : (
        <p>
          <Link href={`/login?next=${back}`}>Sign in</Link> or{' '}
          <Link href={`/signup?next=${back}`}>create an account</Link> to upload a photo.{trial}
        </p>
      )}
    </fieldset>
  )
}

/** The role a new photo takes: the type's default for its place, or for a couple the person not yet shown. */
const nextPhotoRole = (portraitType: PortraitType, current: ReferencePhoto[]): ReferenceRole => {
  const roles = defaultReferenceRoles(portraitType, current.length + 1)
  if (portraitType === 'couple' && current.length === 1 && current[0].role === 'couple') return 'couple'
  if (portraitType === 'couple' && current.length === 1)
    return current[0].role === 'person-2' ? 'person-1' : 'person-2'
  return roles[current.length]
}

/**
 * A second couple photo turns the first from "both of you" into person 1; a second family group
 * photo becomes one family member.
 */
const withPairedRoles = (
  portraitType: PortraitType,
  before: ReferencePhoto[],
  next: ReferencePhoto[],
): ReferencePhoto[] => {
  if (portraitType === 'couple' && next.length === 2 && next.every((photo) => photo.role === 'couple')) {
    return next.map((photo, index) => ({ ...photo, role: index === 0 ? 'person-1' : 'person-2' }))
  }
  if (
    portraitType === 'family' &&
    before.length === 1 &&
    next.length === 2 &&
    next[0].role === 'group' &&
    next[1].role === 'group'
  ) {
    return [next[0], { ...next[1], role: 'family-member' }]
  }
  return next
}
