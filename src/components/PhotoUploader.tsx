'use client'

import { useId, useState } from 'react'

import { type PortraitType, REFERENCE_ROLE_LABELS, type ReferenceRole, ROLES_FOR_TYPE } from '@/prompt'

import { postJson } from './api'

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif']
// Some browsers give HEIC files no type at all: the name decides, the server checks the bytes.
const ACCEPTED_NAMES = /\.(jpe?g|png|webp|avif|heic|heif)$/i
const MAX_BYTES = 15 * 1024 * 1024

export interface ReferencePhoto {
  id: number
  previewUrl: string
  name: string
  role: ReferenceRole
  /** The server's face check: 0-100 and why points were taken off. */
  quality?: { score: number; reasons: string[] }
}

/** What POST /api/photo-uploads answers of the stored photo. */
interface StoredPhoto {
  id: number
  url: string
  sizes?: { thumbnail?: { url?: string } }
  qualityScore?: number | null
  qualityReasons?: string[] | null
}

/** The face check refused the photo for its number of faces (src/faces/quality.ts). */
const WRONG_FACE_COUNT = /^This photo shows (one face|\d+ faces), but it is marked as/

/** For a couple or family shoot: the other kind of photo to try when the face count did not fit. */
const otherRole = (portraitType: PortraitType, role: ReferenceRole): ReferenceRole | null => {
  if (portraitType === 'couple') return role === 'couple' ? 'person-1' : 'couple'
  if (portraitType === 'family') return role === 'group' ? 'family-member' : 'group'
  return null
}

interface Props {
  photos: ReferencePhoto[]
  onChange: (photos: ReferencePhoto[]) => void
  portraitType: PortraitType
  /** The most photos this shoot takes. */
  max: number
  /** The role a newly added photo gets, given the photos so far. */
  nextRole: (photos: ReferencePhoto[]) => ReferenceRole
  disabled?: boolean
}

/**
 * The shoot's reference photos: add (pick or drop), say who each shows, reorder, remove.
 * A photo appears in the list only once the server has accepted it, so a refused file never
 * leaves a preview behind that the shoot would not use. Format and size are checked in the
 * browser first as a courtesy; the server checks the real bytes again.
 */
export function PhotoUploader({ photos, onChange, portraitType, max, nextRole, disabled }: Props) {
  const inputId = useId()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [dragging, setDragging] = useState(false)
  const full = photos.length >= max

  // `current` is the list as this batch has grown it: a closure's `photos` would be stale by the
  // second file of a multi-file pick, and each upload would replace the one before it.
  const upload = async (file: File, current: ReferencePhoto[]): Promise<ReferencePhoto | null> => {
    const refuse = (message: string) => {
      setError(message)
      return null
    }
    setError(null)
    if (current.length >= max) {
      return refuse(`This shoot takes at most ${max} ${max === 1 ? 'photo' : 'photos'}. Remove one first.`)
    }
    if (!ACCEPTED.includes(file.type) && !ACCEPTED_NAMES.test(file.name)) {
      return refuse(`"${file.name}" was not added: please choose a JPEG, PNG, WebP, AVIF or HEIC photo.`)
    }
    if (file.size > MAX_BYTES) {
      return refuse(
        `"${file.name}" was not added: it is ${(file.size / 1048576).toFixed(1)} MB; the limit is 15 MB.`,
      )
    }
    setBusy(file.name)
    try {
      // The photo is marked with the role it will take, so the server checks its number of faces.
      // For a couple or family, a photo of one person where all were expected (or the reverse) is
      // tried once more as the other kind before it is refused.
      const send = async (role: ReferenceRole) => {
        const form = new FormData()
        form.append('file', file)
        form.append('_payload', JSON.stringify({ role }))
        return postJson<{ doc: StoredPhoto }>('/api/photo-uploads', form)
      }
      let role = nextRole(current)
      let answer = await send(role)
      const alternative = otherRole(portraitType, role)
      if (!answer.ok && alternative && WRONG_FACE_COUNT.test(answer.error ?? '')) {
        role = alternative
        answer = await send(role)
      }
      if (!answer.ok) {
        return refuse(`"${file.name}" was not added: ${answer.error ?? 'The photo could not be uploaded.'}`)
      }
      const { doc } = answer.body
      // The stored photo (HEIC becomes JPEG), served to its owner only: every browser can show it.
      const previewUrl = doc.sizes?.thumbnail?.url ?? doc.url
      const quality =
        typeof doc.qualityScore === 'number'
          ? { score: doc.qualityScore, reasons: doc.qualityReasons ?? [] }
          : undefined
      return { id: doc.id, previewUrl, name: file.name, role, quality }
    } catch {
      return refuse(`"${file.name}" was not added: the upload failed. Check your connection and try again.`)
    } finally {
      setBusy(null)
    }
  }

  const uploadAll = async (files: FileList | null) => {
    let current = photos
    for (const file of Array.from(files ?? [])) {
      const added = await upload(file, current)
      if (!added) continue
      current = [...current, added]
      onChange(current)
    }
  }
  const move = (index: number, by: -1 | 1) => {
    const next = [...photos]
    ;[next[index], next[index + by]] = [next[index + by], next[index]]
    onChange(next)
  }
  const setRole = (index: number, role: ReferenceRole) =>
    onChange(photos.map((photo, i) => (i === index ? { ...photo, role } : photo)))

  return (
    <div
      className={`uploader ${dragging ? 'uploader-dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault()
        setDragging(false)
        if (!disabled) void uploadAll(event.dataTransfer.files)
      }}
    >
      {photos.length > 0 && (
        <ol
          className="reference-list"
          aria-label="Photos for this shoot, in order"
          data-testid="reference-list"
        >
          {photos.map((photo, index) => (
            <li key={photo.id} className="reference-item" data-testid="reference-item">
              {/* A private, cookie-authenticated URL: next/image would fetch it without the cookie. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img
                className="uploader-preview"
                src={photo.previewUrl}
                alt={`Photo ${index + 1}: ${photo.name}`}
                width={120}
                height={150}
              />
              {photo.quality && (
                <p className="muted small" data-testid="photo-quality">
                  Photo quality <strong>{photo.quality.score}/100</strong>: {photo.quality.reasons.join(' ')}
                </p>
              )}
              <label className="field small">
                Photo {index + 1} shows
                <select
                  value={photo.role}
                  onChange={(event) => setRole(index, event.target.value as ReferenceRole)}
                  aria-label={`Who photo ${index + 1} shows`}
                >
                  {ROLES_FOR_TYPE[portraitType].map((role) => (
                    <option key={role} value={role}>
                      {REFERENCE_ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
              </label>
              <div className="reference-actions">
                <button
                  type="button"
                  className="button-link"
                  onClick={() => move(index, -1)}
                  disabled={index === 0}
                  aria-label={`Move photo ${index + 1} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => move(index, 1)}
                  disabled={index === photos.length - 1}
                  aria-label={`Move photo ${index + 1} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => onChange(photos.filter((_, i) => i !== index))}
                  aria-label={`Remove photo ${index + 1}`}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div>
        <label
          htmlFor={inputId}
          className={`button button-secondary ${full || disabled ? 'is-disabled' : ''}`}
        >
          {photos.length ? 'Add another photo' : 'Choose photos'}
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          name="photo"
          multiple
          accept={[...ACCEPTED, '.heic', '.heif'].join(',')}
          disabled={disabled || full}
          onChange={(event) => {
            void uploadAll(event.target.files)
            event.target.value = ''
          }}
        />
        <p className="muted small">
          or drop them here · up to {max} {max === 1 ? 'photo' : 'photos'} · JPEG, PNG, WebP, AVIF or HEIC
          (iPhone) · up to 15 MB each
        </p>
        {busy && <p role="status">Uploading and checking “{busy}”…</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  )
}
