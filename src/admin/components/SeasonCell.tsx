'use client'

import type { DefaultCellComponentProps } from 'payload'

import { seasonLabel } from '@/catalog/seasonLabel'

/** The themes list's season column: "All year", "In season (until 01-06)" or "Next season starts 1 Dec 2026". */
export function SeasonCell({ rowData }: DefaultCellComponentProps) {
  const { inSeason, label } = seasonLabel(
    rowData as { isSeasonal?: boolean; seasonStart?: string; seasonEnd?: string },
  )
  return (
    <span
      className={inSeason ? 'pp-season pp-season--in' : 'pp-season pp-season--out'}
      data-testid="season-cell"
    >
      {label}
    </span>
  )
}
