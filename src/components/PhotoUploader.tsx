'use client'

import { useId, useState } from 'react'

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif']
const MAX_BYTES = 15 * 1024 * 1024

export interface UploadedPhoto {
  id: number
  previewUrl: string
}

/**
 * Drag-and-drop or pick a photo. Format and size are checked in the browser first (a
 * courtesy: the server checks the real bytes again) and the server's answer is shown inline.
 */
export function PhotoUploader({ onUploaded, disabled }: { onUploaded: (photo: UploadedPhoto | null) => void; disabled?: boolean }) {
  const inputId = useId()
  const [preview, setPreview] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [dragging, setDragging] = useState(false)

  const upload = async (file: File) => {
    setError(null)
    onUploaded(null)
    if (!ACCEPTED.includes(file.type)) return setError('Please choose a JPEG, PNG, WebP, AVIF or HEIC photo.')
    if (file.size > MAX_BYTES) return setError(`That photo is ${(file.size / 1048576).toFixed(1)} MB; the limit is 15 MB.`)
    const localUrl = URL.createObjectURL(file)
    setPreview(localUrl)
    setBusy(true)
    try {
      const form = new FormData()
      form.append('file', file)
      form.append('_payload', '{}')
      const response = await fetch('/api/photo-uploads', { method: 'POST', body: form, credentials: 'include' })
      const body = await response.json().catch(() => ({}))
      if (!response.ok) {
        setError(body?.errors?.[0]?.message ?? body?.error ?? 'The photo could not be uploaded.')
        return
      }
      onUploaded({ id: body.doc.id, previewUrl: localUrl })
    } catch {
      setError('The upload failed. Check your connection and try again.')
    } finally {
      setBusy(false)
    }
  }

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
        const file = event.dataTransfer.files[0]
        if (file && !disabled) void upload(file)
      }}
    >
      {preview ? (
        // A local object URL: next/image cannot optimise it, and it has fixed dimensions here.
        // eslint-disable-next-line @next/next/no-img-element
        <img className="uploader-preview" src={preview} alt="Your photo" width={160} height={200} />
      ) : (
        <div className="uploader-placeholder" aria-hidden="true">
          📷
        </div>
      )}
      <div>
        <label htmlFor={inputId} className="button button-secondary">
          {preview ? 'Choose another photo' : 'Choose a photo'}
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          name="photo"
          accept={ACCEPTED.join(',')}
          disabled={disabled}
          onChange={(event) => {
            const file = event.target.files?.[0]
            if (file) void upload(file)
          }}
        />
        <p className="muted small">or drop it here · JPEG, PNG, WebP, AVIF or HEIC · up to 15 MB</p>
        {busy && <p role="status">Uploading and checking your photo…</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  )
}
