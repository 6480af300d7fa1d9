import type { METRIC_DEFINITIONS } from './kpis'
import type { Period } from './period'

/** The additive figures of a rollup row: what the report sums over days, packages and themes. */
export interface Sums {
  generations: number
  succeeded: number
  failed: number
  blocked: number
  imagesRequested: number
  imagesGenerated: number
  processingTimeMsTotal: number
  processingTimeCount: number
  ratingTotal: number
  ratingCount: number
  shootsUsed: number
  estimatedCostCents: number
  purchases: number
  shootsSold: number
  grossRevenueCents: number
  refundedCents: number
  revenueCents: number
  /** The platform's application fees on the sales (Stripe Connect), cents, less the share refunded. */
  platformFeeCents: number
}

/** One analytics_rollups row as the report reads it: a UTC day × package × theme and its sums. */
export interface RollupRowSums extends Sums {
  day: string
  packageId: number | null
  themeId: number | null
}

export interface Metrics {
  generations: number
  uniqueUsers: number
  imagesRequested: number
  imagesGenerated: number
  /** Portraits delivered ÷ requested. */
  successRate: number | null
  avgProcessingMs: number | null
  avgRating: number | null
  ratingCount: number
  /** Generations that delivered nothing (failed or blocked). */
  failedGenerations: number
  blockedGenerations: number
  revenueCents: number
  grossRevenueCents: number
  refundedCents: number
  /** The platform's application fees on these sales (Stripe Connect), cents, as asked at checkout. */
  platformFeeCents: number
  purchases: number
  shootsSold: number
  shootsUsed: number
  /** Provider cost in cents (fractions kept to 1/100 cent): each image's price from the image model catalogue. */
  estimatedCostCents: number
  /** Revenue less provider cost, cents. */
  marginCents: number
  /** Margin ÷ revenue; null without revenue. */
  marginRatio: number | null
  /** Revenue ÷ shoots sold, cents; null when none sold. */
  revenuePerShootCents: number | null
  /** Provider cost ÷ shoots used, cents; null when none used. */
  costPerShootCents: number | null
  /** Revenue per shoot less cost per shoot, cents; null unless both are known. */
  marginPerShootCents: number | null
}

export interface PackageRow extends Metrics {
  packageId: number | null
  name: string
  slug: string | null
  category: string | null
  isActive: boolean
}

export interface ThemeRow {
  themeId: number
  name: string
  packageId: number | null
  packageName: string
  generations: number
  /** This theme's share of the generations shown. */
  share: number | null
  imagesGenerated: number
  successRate: number | null
  avgRating: number | null
  ratingCount: number
  failedGenerations: number
}

export interface DailyPoint {
  day: string
  generations: number
  imagesGenerated: number
  failedGenerations: number
  revenueCents: number
  purchases: number
  /** The day's provider cost, cents. */
  estimatedCostCents: number
  /** The day's revenue less its provider cost, cents. */
  marginCents: number
}

export interface Kpi {
  key: string
  label: string
  value: number | null
  unit: 'bits' | 'cents' | 'hours' | 'ratio'
  display: string
  definition: string
  details: Record<string, unknown>
}

/** A rollup run as the dashboard shows it. Times are ISO strings. */
export interface RollupRunSummary {
  id: number
  status: 'running' | 'succeeded' | 'failed'
  trigger: 'manual' | 'schedule'
  mode: 'full' | 'incremental'
  startedAt: string
  finishedAt: string | null
  /** Why it failed (the database's or the job's message); null unless failed. */
  error: string | null
}

/** Is the data fresh: the last good refresh, and the newest run when it has failed since. */
export interface RefreshStatus {
  /** When the last successful rollup finished; null before the first one. */
  lastSucceededAt: string | null
  /** The newest run (any outcome); null before the first. */
  lastRun: RollupRunSummary | null
  /** The newest run's failure when it came after the last success: the figures are stale. */
  lastError: { at: string; message: string; trigger: RollupRunSummary['trigger'] } | null
}

/** Portraits made with one image model at one output size. */
export interface ImageModelRow {
  /** The model id the provider called (e.g. `gemini-3-pro-image-preview`), `offline-preview` for the offline renderer. */
  model: string
  /** `1K`, `2K` or `4K` as asked of Gemini; null when none was asked. */
  imageSize: string | null
  portraits: number
  /** What the provider charged for them by the price table, US dollars. */
  costUsd: number
  /** Cost ÷ portraits, US dollars; null for previews and unpriced images. */
  usdPerImage: number | null
  /** Where that price came from and when it was read (`<url>, YYYY-MM-DD`); null when unpriced. */
  priceSource: string | null
}

/** Likeness of the portraits of one package × theme × image model (issue 23). */
export interface LikenessRow {
  packageId: number | null
  packageName: string
  themeId: number | null
  themeName: string
  model: string
  /** Portraits whose likeness was checked: delivered, or refunded for likeness. */
  portraitsChecked: number
  /** Mean likeness (0-1) of the delivered ones; null when none was delivered. */
  averageLikeness: number | null
  /** Portraits refunded because they still failed the check after their free retries. */
  refunded: number
  /** Portraits made again at no charge for likeness. */
  retries: number
}

/** One studio's figures in the platform admin's comparison (issue 24); money in cents. */
export interface StudioRow {
  /** null: rows no studio was recorded for. */
  studioId: number | null
  name: string
  slug: string | null
  /** The studio's status (`active`, `suspended`); null for the unrecorded row. */
  status: string | null
  /** What the purchases paid in the period (by paid day) charged. */
  grossRevenueCents: number
  refundedCents: number
  /** Gross less refunds and lost disputes. */
  revenueCents: number
  /** The platform's application fees on them (Stripe Connect direct charges), less the share refunded with them (Stripe returns it in proportion). */
  platformFeeCents: number
  /** Finished generations (shoots) in the period, any outcome. */
  shoots: number
  /** Portraits delivered by those shoots. */
  imagesGenerated: number
  /** Provider cost of those shoots (fractions kept to 1/100 cent). */
  estimatedCostCents: number
  /** Revenue less provider cost. */
  marginCents: number
}

export interface AnalyticsReport {
  period: Period
  /**
   * Whose figures these are: null every studio's (a platform admin with no studio picked), else
   * those studios' ids (a studio owner's studios, or the one picked in the admin's studio selector).
   */
  studioIds: number[] | null
  /** Platform admins only: each studio in scope side by side; null for studio staff. */
  studios: StudioRow[] | null
  package: { id: number; name: string; slug: string | null } | null
  generatedAt: string
  /** When the rollup the figures come from last finished; null before the first run. */
  dataAsOf: string | null
  refresh: RefreshStatus
  totals: Metrics
  packages: PackageRow[]
  topThemesByUsage: ThemeRow[]
  topThemesByRating: ThemeRow[]
  /** Portraits per image model and output size in the period, most used first. */
  imageModels: ImageModelRow[]
  /** Likeness per package, theme and image model, worst average first. */
  likeness: LikenessRow[]
  daily: DailyPoint[]
  kpis: {
    adoptionRate: Kpi
    themeDiversity: Kpi
    revenuePerPackage: Kpi
    userRetention: Kpi
    adminEfficiency: Kpi
  }
  definitions: typeof METRIC_DEFINITIONS
}
