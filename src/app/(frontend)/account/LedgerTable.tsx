import { formatDate, plural } from '@/lib/format'
import type { CreditLedger } from '@/payload-types'

/**
 * The customer's shoot history in plain words. A shoot sets shoots aside when it starts
 * (the balance drops then) and either spends them or gives them back when it ends, so the
 * closing row of a delivered shoot changes nothing and says why.
 */
const describe = (row: CreditLedger): { what: string; change: string } => {
  const amount = row.amount > 0 ? `+${row.amount}` : String(row.amount)
  switch (row.kind) {
    case 'hold':
      return { what: row.reason ?? 'Set aside for a shoot', change: amount }
    case 'charge':
      return { what: row.reason ?? 'Spent the shoots set aside', change: 'spent (set aside above)' }
    case 'refund':
      return { what: row.reason ?? 'Shoots given back', change: amount }
    default:
      return { what: row.reason ?? row.kind.replace('_', ' '), change: amount }
  }
}

export function LedgerTable({ rows }: { rows: CreditLedger[] }) {
  if (rows.length === 0) return <p className="muted">No shoots yet.</p>
  return (
    <div className="table-scroll">
      <table className="table" data-testid="ledger">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col">Change</th>
            <th scope="col">Balance</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { what, change } = describe(row)
            return (
              <tr key={row.id}>
                <td>{formatDate(row.createdAt)}</td>
                <td>{what}</td>
                <td>{change}</td>
                <td title={plural(row.balanceAfter, 'shoot')}>{row.balanceAfter}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
