'use client'

import { useMemo, useState } from 'react'
import Lightbox from 'yet-another-react-lightbox'
import Counter from 'yet-another-react-lightbox/plugins/counter'
import 'yet-another-react-lightbox/styles.css'
import 'yet-another-react-lightbox/plugins/counter.css'

import type { GenerationStatusView } from '@/generation/generationStatus'

import { LikenessMark } from './LikenessMark'

const STATE_LABELS: Record<string, string> = {
  pending: 'Waiting',
  running: 'Painting…',
  succeeded: 'Ready',
  blocked: 'Blocked',
  failed: 'Failed',
}

type Image = GenerationStatusView['images'][number]

/** Where one portrait downloads, full size: WebP as stored, or JPEG made from it. */
export const portraitDownloadUrl = (generationId: number, image: Image, format: 'jpeg' | 'webp') =>
  `/api/generations/${generationId}/portraits/${image.index + 1}?format=${format}`

/**
 * The shoot's portraits: a grid that keeps each portrait's shape (3:4 stays 3:4), and a viewer
 * (yet-another-react-lightbox) at full size with next/previous by button, swipe and arrow keys,
 * Escape to close, and JPEG or WebP downloads of the portrait on screen.
 */
export function PortraitGallery({ view }: { view: GenerationStatusView }) {
  const ready = view.images.filter((image) => image.url)
  const [open, setOpen] = useState(false)
  // The viewer is controlled: a new `slides` array or `index` makes it jump there, so the slides
  // change only when a portrait arrives and the index follows what the visitor is looking at.
  const [current, setCurrent] = useState(0)
  const shown = ready[current] ?? ready[0]
  const slideKey = ready.map((image) => `${image.url}|${image.width}x${image.height}`).join(',')
  const slides = useMemo(
    () =>
      ready.map((image) => ({
        src: image.url as string,
        alt: `Portrait ${image.index + 1}`,
        width: image.width ?? undefined,
        height: image.height ?? undefined,
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key is the slides' content
    [slideKey],
  )

  return (
    <>
      <ul className="gallery">
        {view.images.map((image) => {
          const position = ready.indexOf(image)
          const ratio = image.width && image.height ? `${image.width} / ${image.height}` : undefined
          return (
            <li key={image.index} className={`gallery-item state-${image.state}`}>
              {image.url ? (
                <button
                  type="button"
                  className="gallery-open"
                  aria-label={`View portrait ${image.index + 1} full size`}
                  onClick={() => {
                    setCurrent(position)
                    setOpen(true)
                  }}
                >
                  {/* Private images are served with the visitor's cookie; next/image would fetch them without it. */}
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img
                    src={image.largeUrl ?? image.url}
                    alt={`Portrait ${image.index + 1}`}
                    width={image.width ?? 512}
                    height={image.height ?? 512}
                    style={ratio ? { aspectRatio: ratio } : undefined}
                  />
                </button>
              ) : (
                <div className="gallery-placeholder">
                  {image.refunded ? 'Not like you: refunded' : (STATE_LABELS[image.state] ?? image.state)}
                </div>
              )}
              <p className="small">
                Portrait {image.index + 1}: {STATE_LABELS[image.state] ?? image.state}
                {image.error && <span className="form-error"> · {image.error}</span>}
                {image.model && (
                  <span className="muted" data-testid="portrait-model">
                    {' · '}
                    {image.model} at {image.imageSize}
                  </span>
                )}
              </p>
              <LikenessMark image={image} />
              {image.url && (
                <p className="small download-links" data-testid={`portrait-downloads-${image.index + 1}`}>
                  Download{' '}
                  <a href={portraitDownloadUrl(view.id, image, 'jpeg')} download>
                    JPEG
                  </a>{' '}
                  ·{' '}
                  <a href={portraitDownloadUrl(view.id, image, 'webp')} download>
                    WebP
                  </a>
                </p>
              )}
            </li>
          )
        })}
      </ul>
      <Lightbox
        open={open}
        index={current}
        close={() => setOpen(false)}
        slides={slides}
        plugins={[Counter]}
        carousel={{ finite: ready.length <= 1 }}
        controller={{ closeOnBackdropClick: true }}
        on={{ view: ({ index }) => setCurrent(index) }}
        labels={{ Previous: 'Previous portrait', Next: 'Next portrait', Close: 'Close the viewer' }}
        toolbar={{
          buttons: [
            shown ? (
              <a
                key="jpeg"
                className="yarl__button lightbox-download"
                href={portraitDownloadUrl(view.id, shown, 'jpeg')}
                download
              >
                JPEG
              </a>
            ) : null,
            shown ? (
              <a
                key="webp"
                className="yarl__button lightbox-download"
                href={portraitDownloadUrl(view.id, shown, 'webp')}
                download
              >
                WebP
              </a>
            ) : null,
            'close',
          ],
        }}
      />
    </>
  )
}
