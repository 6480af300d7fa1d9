'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'

import type { GenerationStatusView } from '@/generation/generationStatus'
import { isTerminalStatus } from '@/generation/vocabulary'

import { getJson } from './api'
import { announceBalanceChange } from './HeaderBalance'
import { PortraitGallery } from './PortraitGallery'
import { RatingStars } from './RatingStars'

/**
 * Live progress from server-sent events, with polling as the fallback when the stream
 * breaks. Images appear in the gallery as they arrive.
 */
export function GenerationLive({ initial }: { initial: GenerationStatusView }) {
  const [view, setView] = useState(initial)
  const done = isTerminalStatus(view.status) && view.finishedAt !== null

  // A shoot that could make nothing gives its shoots back: the header's balance must show it.
  useEffect(() => {
    if (done) announceBalanceChange()
  }, [done])

  useEffect(() => {
    if (isTerminalStatus(initial.status) && initial.finishedAt) return
    let stopped = false
    let poller: ReturnType<typeof setInterval> | undefined
    const poll = () => {
      poller ??= setInterval(async () => {
        const answer = await getJson<{ generation: GenerationStatusView }>(`/api/generations/${initial.id}`, {
          cache: 'no-store',
        })
        if (!answer.ok || stopped) return
        const { generation } = answer.body
        setView(generation)
        if (isTerminalStatus(generation.status) && generation.finishedAt) clearInterval(poller)
      }, 2000)
    }
    const source = new EventSource(`/api/generations/${initial.id}/events`)
    source.addEventListener('status', (event) => {
      const next = JSON.parse((event as MessageEvent).data) as GenerationStatusView
      setView(next)
      if (isTerminalStatus(next.status) && next.finishedAt) source.close()
    })
    // A dropped connection: EventSource reconnects by itself, sending Last-Event-ID, and the server
    // replays what was missed. Only a refused one (CLOSED: 429, 404, a proxy's error) falls back to polling.
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return
      source.close()
      poll()
    }
    return () => {
      stopped = true
      source.close()
      if (poller) clearInterval(poller)
    }
  }, [initial.id, initial.status, initial.finishedAt])

  return (
    <section aria-labelledby="progress-title">
      {view.isPreview && (
        <p className="notice" data-testid="preview-label">
          {view.previewLabel}.
        </p>
      )}
      <h2 id="progress-title" className="visually-hidden">
        Progress
      </h2>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.progress}
        aria-label="Generation progress"
      >
        <div className="progress-bar" style={{ width: `${view.progress}%` }} />
      </div>
      <p role="status" data-testid="progress-text">
        {view.progress}% ·{' '}
        {done ? (view.status === 'succeeded' ? 'All portraits are ready.' : view.message) : view.message}
        {done && view.creditsRefunded && ' Your shoots were refunded.'}
      </p>
      {!done && <EstimatedTime seconds={view.estimatedProcessingTime} since={view.createdAt} />}
      <p className="muted small" data-testid="shoot-facts">
        {view.quality.quality === 'high' ? 'High quality' : 'Standard quality'} · from {view.referenceCount}{' '}
        {view.referenceCount === 1 ? 'photo' : 'photos'}
      </p>
      <PortraitGallery view={view} />
      {done && view.results.length > 0 && (
        <div className="after-actions">
          <a
            className="button"
            href={`/api/generations/${view.id}/download?format=jpeg`}
            download
            data-testid="download-zip-jpeg"
          >
            Download all (ZIP, JPEG)
          </a>
          <a
            className="button button-secondary"
            href={`/api/generations/${view.id}/download`}
            download
            data-testid="download-zip"
          >
            Download all (ZIP, WebP)
          </a>
          <RatingStars generationId={view.id} initial={view.rating} />
        </div>
      )}
      {done && (
        <p className="after-links">
          {view.package ? (
            <Link
              className="button button-secondary"
              href={`/packages/${view.package.slug}`}
              data-testid="make-another"
            >
              Make another {view.package.name} shoot
            </Link>
          ) : (
            <Link className="button button-secondary" href="/">
              Make another shoot
            </Link>
          )}{' '}
          <Link href="/account">All your portraits</Link>
        </p>
      )}
    </section>
  )
}

/** "About 12 s left" from the estimate given when the shoot was asked for; ticks every second. */
function EstimatedTime({ seconds, since }: { seconds: number; since: string }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const left = Math.max(0, Math.round(seconds - (now - new Date(since).getTime()) / 1000))
  return (
    <p className="muted small" data-testid="estimated-time">
      Estimated time: about {seconds} s in all
      {left > 0 ? ` · about ${left} s left` : ' · taking a little longer than usual, nearly there'}.
    </p>
  )
}
