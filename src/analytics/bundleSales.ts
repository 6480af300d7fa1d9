import type { Payload, PayloadRequest } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import { retainedApplicationFeeCents } from '@/billing/saleAccount'
import { splitInProportion } from '@/lib/proportion'

import { adapterOf, dayOfColumn, num, queryRows } from './sql'

export interface SalesRow {
  day: string
  package_id: number | null
  /** The purchase's studio (its site). */
  studio_id: number | null
  purchases: number
  shoots_sold: number
  gross_cents: number
  refunded_cents: number
  /** The platform's application fee kept after refunds, split over the lines like the refund. */
  fee_cents: number
}

type LineRow = {
  purchase_id: unknown
  day: unknown
  package_id: unknown
  line_shoots: unknown
  line_cents: unknown
  shoots_reclaimed: unknown
  refunded_cents: unknown
  studio_id: unknown
  fee_cents: unknown
  purchase_cents: unknown
  fee_refunded_cents: unknown
}

/** Bundle purchases read per page: memory stays bounded however many were sold. */
const PURCHASES_PER_PAGE = 500

/**
 * Paid bundle sales (purchases with lines: even once the bundle itself is deleted), one row
 * per day × package × studio. Each package gets its line's share of the price (fixed at checkout)
 * and a proportional share of any refund, of the platform's fee and of the shoots taken back, split so the
 * packages' figures add up exactly to the purchase's. Reads the purchases a page at a time
 * (by id); the result has at most one row per day, package and studio.
 */
export const bundleSalesByPackage = async (
  payload: Payload,
  paidWhere: SQL,
  req?: PayloadRequest,
): Promise<SalesRow[]> => {
  const { purchases: pu, purchases_lines: lines } = adapterOf(payload).tables
  const paidDay = dayOfColumn(payload, sql`${pu.paidAt}`)
  const byKey = new Map<string, SalesRow>()
  let afterId = 0
  for (;;) {
    const page = await queryRows(
      payload,
      sql`select ${pu.id} as id from ${pu}
        where ${paidWhere} and ${pu.id} > ${afterId} and exists (select 1 from ${lines} where ${lines._parentID} = ${pu.id})
        order by ${pu.id} limit ${PURCHASES_PER_PAGE}`,
      req,
    )
    if (page.length === 0) break
    const first = num(page[0].id)
    afterId = num(page[page.length - 1].id)
    const rows = await queryRows<LineRow>(
      payload,
      sql`select ${pu.id} as purchase_id, ${paidDay} as day, ${lines.package} as package_id, ${lines.shoots} as line_shoots,
          ${lines.amountCents} as line_cents, ${pu.shootsReclaimed} as shoots_reclaimed, ${pu.reversedAmountCents} as refunded_cents,
          ${pu.studio} as studio_id, ${pu.applicationFeeCents} as fee_cents,
          ${pu.amountCents} as purchase_cents, ${pu.refundedAmountCents} as fee_refunded_cents
        from ${lines} join ${pu} on ${pu.id} = ${lines._parentID}
        where ${paidWhere} and ${pu.id} >= ${first} and ${pu.id} <= ${afterId}
        order by ${pu.id}, ${lines._order}`,
      req,
    )
    const byPurchase = new Map<number, LineRow[]>()
    for (const row of rows) {
      const id = num(row.purchase_id)
      const purchaseLines = byPurchase.get(id)
      if (purchaseLines) purchaseLines.push(row)
      else byPurchase.set(id, [row])
    }
    for (const purchaseLines of byPurchase.values()) addPurchase(byKey, purchaseLines)
    if (page.length < PURCHASES_PER_PAGE) break
  }
  return [...byKey.values()]
}

const addPurchase = (byKey: Map<string, SalesRow>, purchaseLines: LineRow[]): void => {
  const [first] = purchaseLines
  const reclaimed = splitInProportion(
    num(first.shoots_reclaimed),
    purchaseLines.map((line) => num(line.line_shoots)),
  )
  const refunded = splitInProportion(
    num(first.refunded_cents),
    purchaseLines.map((line) => num(line.line_cents)),
  )
  const fees = splitInProportion(
    retainedApplicationFeeCents(
      num(first.fee_cents),
      num(first.purchase_cents),
      num(first.fee_refunded_cents),
    ),
    purchaseLines.map((line) => num(line.line_cents)),
  )
  const studioId = first.studio_id === null || first.studio_id === undefined ? null : num(first.studio_id)
  purchaseLines.forEach((line, index) => {
    const packageId = line.package_id === null || line.package_id === undefined ? null : num(line.package_id)
    const key = `${line.day}|${packageId ?? '-'}|${studioId ?? '-'}`
    const sales = byKey.get(key) ?? {
      day: String(line.day),
      package_id: packageId,
      studio_id: studioId,
      purchases: 0,
      shoots_sold: 0,
      gross_cents: 0,
      refunded_cents: 0,
      fee_cents: 0,
    }
    sales.purchases += 1
    sales.shoots_sold += num(line.line_shoots) - reclaimed[index]
    sales.gross_cents += num(line.line_cents)
    sales.refunded_cents += refunded[index]
    sales.fee_cents += fees[index]
    byKey.set(key, sales)
  })
}
