'use client'

import type { DefaultCellComponentProps } from 'payload'

import { formatMoney } from '@/analytics/format'

/** A number of cents shown as dollars in list views. */
export function MoneyCell({ cellData }: DefaultCellComponentProps) {
  return <span>{typeof cellData === 'number' ? formatMoney(cellData) : '—'}</span>
}
