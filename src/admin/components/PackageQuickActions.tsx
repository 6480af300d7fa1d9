'use client'

import { Button, toast, useAuth, useConfig, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { bodyOrThrow, requestJson } from '@/components/api'

import '../admin-tools.css'
import '../admin-widgets.css'

import { confirmDeactivateLive } from './confirmDeactivate'

type Action = 'duplicate' | 'toggle-active' | 'toggle-featured'

/** The package admin endpoints' answer (src/endpoints/adminPackages.ts): the copy's counts only for a duplicate. */
interface PackageActionAnswer {
  package: { id: number; name?: string; isActive: boolean; isFeatured?: boolean }
  themes?: number
  tiers?: number
}

/**
 * Admins' quick actions on a package's edit view: switch it on or off, feature it, or
 * duplicate it with all its themes and tiers (the copy starts inactive). Each is one request
 * to the package admin endpoints; nothing else on the form is saved by them.
 */
export function PackageQuickActions() {
  const { id } = useDocumentInfo()
  const { user } = useAuth<{ role?: string }>()
  const { config } = useConfig()
  const router = useRouter()
  const active = useField<boolean>({ path: 'isActive' })
  const featured = useField<boolean>({ path: 'isFeatured' })
  const live = useFormFields(([fields]) => fields.catalogStatus?.value === 'Live')
  const name = useFormFields(([fields]) => String(fields.name?.value ?? 'This package'))
  const [busy, setBusy] = useState<Action | null>(null)
  if (!id || user?.role !== 'admin') return null

  const api = `${config.serverURL ?? ''}${config.routes.api}/admin/packages/${id}`
  const call = async (action: Action) => {
    if (
      action === 'duplicate' &&
      !window.confirm(
        'Duplicate this package with all its themes and pricing tiers? The copy starts inactive.',
      )
    )
      return
    if (action === 'toggle-active' && active.value && live && !confirmDeactivateLive(name)) return
    setBusy(action)
    try {
      const body = bodyOrThrow(
        await requestJson<PackageActionAnswer>(`${api}/${action}`, {
          method: action === 'duplicate' ? 'POST' : 'PATCH',
        }),
      )
      if (action === 'duplicate') {
        toast.success(
          `Copied with ${body.themes} themes and ${body.tiers} tiers as “${body.package.name}” (inactive).`,
        )
        router.push(`${config.routes.admin}/collections/photo-packages/${body.package.id}`)
        return
      }
      // The change is saved; show it on the form without marking the form as edited.
      active.setValue(body.package.isActive, true)
      if (body.package.isFeatured !== undefined) featured.setValue(body.package.isFeatured, true)
      toast.success(
        action === 'toggle-active'
          ? body.package.isActive
            ? 'Package is live.'
            : 'Package is hidden from customers.'
          : body.package.isFeatured
            ? 'Package is featured.'
            : 'Package is no longer featured.',
      )
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="pp-quick-actions" data-testid="package-quick-actions">
      <Button
        buttonStyle="secondary"
        size="small"
        margin={false}
        disabled={busy !== null}
        onClick={() => call('toggle-active')}
      >
        {active.value ? 'Deactivate' : 'Activate'}
      </Button>
      <Button
        buttonStyle="secondary"
        size="small"
        margin={false}
        disabled={busy !== null}
        onClick={() => call('toggle-featured')}
      >
        {featured.value ? 'Unfeature' : 'Feature'}
      </Button>
      <Button
        buttonStyle="secondary"
        size="small"
        margin={false}
        disabled={busy !== null}
        onClick={() => call('duplicate')}
      >
        {busy === 'duplicate' ? 'Duplicating…' : 'Duplicate'}
      </Button>
    </div>
  )
}
