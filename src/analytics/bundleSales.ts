import type { Payload } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import { splitInProportion } from '@/lib/proportion'

import { adapterOf, dayOfColumn, num, queryRows } from './sql'

export interface SalesRow {
  day: string
  package_id: number | null
  purchases: number
  shoots_sold: number
  gross_cents: number
  refunded_cents: number
}

type LineRow = { purchase_id: unknown; day: unknown; package_id: unknown; line_shoots: unknown; line_cents: unknown; shoots_reclaimed: unknown; refunded_cents: unknown }

/**
 * Paid bundle sales (purchases with lines: even once the bundle itself is deleted), one row
 * per day × package. Each package gets its line's share of
 * the price (fixed at checkout) and a proportional share of any refund and of the shoots
 * taken back, split so the packages' figures add up exactly to the purchase's.
 */
export const bundleSalesByPackage = async (payload: Payload, paidWhere: SQL): Promise<SalesRow[]> => {
  const { purchases: pu, purchases_lines: lines } = adapterOf(payload).tables
  const paidDay = dayOfColumn(payload, sql`${pu.paidAt}`)
  const rows = await queryRows<LineRow>(
    payload,
    sql`select ${pu.id} as purchase_id, ${paidDay} as day, ${lines.package} as package_id, ${lines.shoots} as line_shoots,
        ${lines.amountCents} as line_cents, ${pu.shootsReclaimed} as shoots_reclaimed, ${pu.refundedAmountCents} as refunded_cents
      from ${lines} join ${pu} on ${pu.id} = ${lines._parentID}
      where ${paidWhere}
      order by ${pu.id}, ${lines._order}`,
  )
  const byPurchase = new Map<number, LineRow[]>()
  for (const row of rows) byPurchase.set(num(row.purchase_id), [...(byPurchase.get(num(row.purchase_id)) ?? []), row])

  const byKey = new Map<string, SalesRow>()
  for (const purchaseLines of byPurchase.values()) {
    const [first] = purchaseLines
    const reclaimed = splitInProportion(num(first.shoots_reclaimed), purchaseLines.map((line) => num(line.line_shoots)))
    const refunded = splitInProportion(num(first.refunded_cents), purchaseLines.map((line) => num(line.line_cents)))
    purchaseLines.forEach((line, index) => {
      const packageId = line.package_id === null || line.package_id === undefined ? null : num(line.package_id)
      const key = `${line.day}|${packageId ?? '-'}`
      const sales = byKey.get(key) ?? { day: String(line.day), package_id: packageId, purchases: 0, shoots_sold: 0, gross_cents: 0, refunded_cents: 0 }
      sales.purchases += 1
      sales.shoots_sold += num(line.line_shoots) - reclaimed[index]
      sales.gross_cents += num(line.line_cents)
      sales.refunded_cents += refunded[index]
      byKey.set(key, sales)
    })
  }
  return [...byKey.values()]
}
