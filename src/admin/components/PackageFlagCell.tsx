'use client'

import { Button, toast, useAuth, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import type { DefaultCellComponentProps } from 'payload'
import { useState } from 'react'

import { bodyOrThrow, requestJson } from '@/components/api'

import '../admin-tools.css'
import '../admin-widgets.css'

import { confirmDeactivateLive } from './confirmDeactivate'
import { FlagBadgeCell } from './FlagBadgeCell'

const ACTIONS = {
  isActive: { path: 'toggle-active', on: 'Deactivate', off: 'Activate' },
  isFeatured: { path: 'toggle-featured', on: 'Unfeature', off: 'Feature' },
} as const

type Flag = keyof typeof ACTIONS

/**
 * The package list's "Is Active" and "Is Featured" cells: the state as a badge and, for admins, a
 * row action that flips it (the same endpoints as the edit view's quick actions). Switching off
 * a live package asks first. The list reloads after, so "On the site" follows.
 */
export function PackageFlagCell(props: DefaultCellComponentProps) {
  const { rowData, field } = props
  const flag = (field && 'name' in field ? field.name : '') as Flag
  const { user } = useAuth<{ role?: string }>()
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [changed, setChanged] = useState<{ from: unknown; to: boolean } | null>(null)
  // A value this row set stands until the list brings a newer one.
  const value = changed && changed.from === props.cellData ? changed.to : Boolean(props.cellData)
  const action = ACTIONS[flag]
  if (!action || user?.role !== 'admin') return <FlagBadgeCell {...props} />

  const name = String(rowData?.name ?? 'This package')
  const toggle = async () => {
    if (flag === 'isActive' && value && rowData?.catalogStatus === 'Live' && !confirmDeactivateLive(name))
      return
    setBusy(true)
    try {
      const body = bodyOrThrow(
        await requestJson<{ package?: Partial<Record<Flag, boolean>> }>(
          `${config.serverURL ?? ''}${config.routes.api}/admin/packages/${rowData?.id}/${action.path}`,
          { method: 'PATCH' },
        ),
      )
      setChanged({ from: props.cellData, to: Boolean(body.package?.[flag]) })
      router.refresh()
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="pp-row-action" data-testid={`${flag}-${rowData?.id}`}>
      <FlagBadgeCell {...props} cellData={value} />
      <Button buttonStyle="subtle" size="small" margin={false} disabled={busy} onClick={toggle}>
        {value ? action.on : action.off}
      </Button>
    </span>
  )
}
