/**
 * The studio's KPIs: pure functions and the definitions shown next to every figure, so
 * staff read the same meaning the numbers were computed with.
 */

export const RETURN_WINDOW_DAYS = 30
export const MIN_RATINGS_TO_RANK = 3
export const UNRATED_THEME_RATING = 3

export const KPI_DEFINITIONS = {
  adoptionRate:
    'Package adoption rate: of the customers who made at least one generation in the period, the share who made one with a package outside the Wedding category.',
  packageAdoption:
    'Adoption: of all customers who made at least one generation in the period, the share who made one with this package.',
  themeDiversity:
    'Theme diversity: how evenly generations spread across themes. Shannon entropy H = −Σ p·log₂ p over each theme’s share p of the generations, in bits; evenness is H ÷ log₂(themes used), 100% when every used theme is equally popular; “like N themes” is 2^H.',
  revenuePerPackage:
    'Revenue per package: paid purchases in the period (by paid date) less their refunds, divided by the number of packages in the table (active packages and any package with activity in the period).',
  packageRevenue:
    'Revenue: this package’s paid purchases in the period (by paid date) less their refunds, and its share of all revenue in the period.',
  userRetention: `User retention: of the customers active in the period, the share who came back — made a generation on a later day within ${RETURN_WINDOW_DAYS} days of an earlier one (the later one in the period). Across packages: the share who used more than one package in the period.`,
  packageRetention: `User retention: of this package’s customers in the period, the share who came back to it on a later day within ${RETURN_WINDOW_DAYS} days of an earlier generation. Across packages: the share of them who also used another package in the period.`,
  adminEfficiency:
    'Admin efficiency: hours from a package’s creation to its first customer generation (all time), averaged over the packages in the table that have had one; packages still waiting are counted separately.',
  packageAdminEfficiency:
    'Admin efficiency: hours from this package’s creation to its first customer generation (all time).',
} as const

export const METRIC_DEFINITIONS = {
  generations: 'Finished generations (any outcome) in the period.',
  uniqueUsers: 'Customers with at least one finished generation in the period.',
  imagesGenerated: 'Portraits delivered.',
  successRate: 'Portraits delivered ÷ portraits requested.',
  avgProcessingMs: 'Average time from a generation starting to its last image.',
  avgRating: 'Average customer rating (1-5) of the generations that were rated.',
  revenueCents: 'Paid purchases (by paid date) less refunds.',
  platformFeeCents:
    'The platform’s application fees on those purchases (Stripe Connect direct charges), less the share refunded with them (Stripe returns it in proportion).',
  shootsSold: 'Shoots in paid purchases, less shoots taken back after refunds.',
  shootsUsed: 'Shoots charged for generations that delivered at least one portrait.',
  estimatedCostCents:
    'Provider cost: each portrait’s price in the image model catalogue (model × size, recorded with the price’s source when made), plus images discarded by the likeness check.',
  marginCents: 'Revenue less provider cost.',
  marginPerShootCents: 'Revenue per shoot sold less provider cost per shoot used.',
  popularity: `Theme popularity: generations in the last 30 days × (average rating, ${UNRATED_THEME_RATING} when unrated) ÷ 5; recomputed hourly.`,
} as const

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)

/** Shannon entropy (bits) of a distribution given as counts; zero counts are ignored. */
export const shannonEntropy = (counts: number[]): number => {
  const total = counts.reduce((sum, count) => sum + count, 0)
  if (total <= 0) return 0
  return counts.reduce((entropy, count) => {
    if (count <= 0) return entropy
    const p = count / total
    return entropy - p * Math.log2(p)
  }, 0)
}

export interface Diversity {
  entropyBits: number
  /** H ÷ log₂(k); null with fewer than two themes used. */
  evenness: number | null
  /** 2^H: as if usage were spread evenly over this many themes. */
  effectiveThemes: number
  themesUsed: number
}

export const themeDiversity = (counts: number[]): Diversity => {
  const used = counts.filter((count) => count > 0)
  const entropyBits = shannonEntropy(used)
  return {
    entropyBits,
    evenness: used.length > 1 ? entropyBits / Math.log2(used.length) : null,
    effectiveThemes: used.length ? 2 ** entropyBits : 0,
    themesUsed: used.length,
  }
}

/** generations × (average rating, 3 when unrated) ÷ 5, to one decimal. */
export const popularityScore = (generations: number, ratingTotal: number, ratingCount: number): number => {
  if (generations <= 0) return 0
  const rating = ratingCount > 0 ? ratingTotal / ratingCount : UNRATED_THEME_RATING
  return Math.round(((generations * rating) / 5) * 10) / 10
}
