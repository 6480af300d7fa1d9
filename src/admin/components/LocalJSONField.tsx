'use client'

import loader from '@monaco-editor/loader'
import { JSONField, ShimmerEffect } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'
import { useEffect, useSyncExternalStore } from 'react'

import { MONACO_VS_PATH } from '../monacoAssets'

declare global {
  interface Window {
    monaco?: { editor?: unknown }
  }
}

type Status = 'loading' | 'ready' | 'failed'

// One load per page, shared by every JSON field on it.
let status: Status = 'loading'
let started = false
const listeners = new Set<() => void>()
const setStatus = (next: Status) => {
  status = next
  for (const listener of listeners) listener()
}

/**
 * Payload's JSON editor bundles its own copy of @monaco-editor/loader, which fetches Monaco from
 * cdn.jsdelivr.net unless `window.monaco` is already there. So we load Monaco first, from this
 * app (see monacoAssets), and publish it on `window.monaco`; Payload's loader then takes it.
 */
const loadMonaco = () => {
  if (started) return
  started = true
  if (window.monaco?.editor) return setStatus('ready')
  loader.config({ paths: { vs: MONACO_VS_PATH } })
  loader.init().then(
    (monaco) => {
      window.monaco = monaco as Window['monaco']
      setStatus('ready')
    },
    (error: unknown) => {
      console.error('The JSON editor could not load from this app:', error)
      setStatus('failed')
    },
  )
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Payload's JSON field, shown once Monaco has loaded from the app (a shimmer until then). If the
 * app's copy fails to load, Payload's own editor is shown and tries its CDN, as before.
 */
export const LocalJSONField: JSONFieldClientComponent = (props) => {
  const current = useSyncExternalStore(
    subscribe,
    () => status,
    () => 'loading' as Status,
  )
  useEffect(loadMonaco, [])
  if (current === 'loading') return <ShimmerEffect height={56} />
  return <JSONField {...props} />
}
