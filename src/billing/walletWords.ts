/**
 * A customer's wallets in words and sums: pure (no Payload, no database), so server pages, client
 * components and the admin say the same thing. Loading them is `loadWallets` in ./wallets.
 */

/** A package id (shoots spendable on that package only) or null ("any package" shoots). */
export type WalletId = number | null

/** One of a customer's balances, as the site, the admin and the API show it. */
export interface WalletBalance {
  /** null: shoots for any package. */
  packageId: number | null
  packageName: string | null
  packageSlug: string | null
  /** Whole shoots, > 0 (empty wallets are left out). */
  shoots: number
}

const plural = (count: number, word: string) => `${count} ${count === 1 ? word : `${word}s`}`

/** The shoots a customer can spend on one package: its own wallet and "any package" shoots. */
export const usableOn = (
  wallets: WalletBalance[],
  packageId: number,
): { own: number; any: number; total: number } => {
  const own = wallets.find((wallet) => wallet.packageId === packageId)?.shoots ?? 0
  const any = wallets.find((wallet) => wallet.packageId === null)?.shoots ?? 0
  return { own, any, total: own + any }
}

/**
 * Plain words for the balances: "12 Wedding Portraits shoots and 3 shoots for any package", or
 * "no shoots". With a package given, only what is usable on it (its own, then "any package").
 */
export const describeWallets = (wallets: WalletBalance[], packageId?: number): string => {
  const shown =
    packageId === undefined
      ? wallets
      : wallets.filter((w) => w.packageId === packageId || w.packageId === null)
  const parts = shown.map((wallet) =>
    wallet.packageId === null
      ? `${plural(wallet.shoots, 'shoot')} for any package`
      : `${wallet.shoots} ${wallet.packageName ?? 'package'} ${wallet.shoots === 1 ? 'shoot' : 'shoots'}`,
  )
  if (parts.length === 0) return 'no shoots'
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/** The header's short form: "10 Wedding Portraits · 3 any package". */
export const shortWallets = (wallets: WalletBalance[]): string =>
  wallets
    .map(
      (wallet) =>
        `${wallet.shoots} ${wallet.packageId === null ? 'any package' : (wallet.packageName ?? 'package')}`,
    )
    .join(' · ')
