'use client'

import { CheckboxField, useFormFields } from '@payloadcms/ui'
import type { CheckboxFieldClientComponent } from 'payload'
import { useEffect, useRef } from 'react'

import { confirmDeactivateLive } from './confirmDeactivate'

/**
 * The package's "Is Active" checkbox, which asks before a live package is switched off (the
 * "On the site" status, as last loaded, says "Live"). Cancelled, the box stays ticked.
 */
export const ActiveCheckboxField: CheckboxFieldClientComponent = (props) => {
  const live = useFormFields(([fields]) => fields.catalogStatus?.value === 'Live')
  const name = useFormFields(([fields]) => String(fields.name?.value ?? 'This package'))
  const checked = useFormFields(([fields]) => fields[props.path]?.value === true)
  // The latest values for the native listener below, which is attached once.
  const state = useRef({ live, name, checked })
  useEffect(() => {
    state.current = { live, name, checked }
  }, [live, name, checked])
  const wrapper = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = wrapper.current
    if (!element) return
    // A native capture listener: stopping the click here keeps it from React's root listener,
    // so the box neither changes nor reports a change. (A label click arrives as an input click.)
    const onClick = (event: MouseEvent) => {
      const { live, name, checked } = state.current
      if (!(event.target instanceof HTMLInputElement) || !checked || !live) return
      if (!confirmDeactivateLive(name)) {
        event.preventDefault()
        event.stopPropagation()
      }
    }
    element.addEventListener('click', onClick, true)
    return () => element.removeEventListener('click', onClick, true)
  }, [])

  return (
    <div ref={wrapper}>
      <CheckboxField {...props} />
    </div>
  )
}
