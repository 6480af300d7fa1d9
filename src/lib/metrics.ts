import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import { settings } from './settings'

/**
 * This process's Prometheus registry (prom-client) and the series the domain records. Names and
 * labels follow Prometheus' naming rules (prometheus.io/docs/practices/naming): a unit suffix
 * (`_seconds`), `_total` on counters, and labels with a bounded set of values: never an id, an
 * e-mail or a prompt. Served by GET /metrics (src/ops/metricsEndpoint.ts); every series carries
 * `component` (`app`, `worker`, or `front` for server/front.mjs's own registry).
 */
export interface Metrics {
  registry: Registry
  /** One per provider answer (each try): outcome `success`, `retryable`, `failed`, or the finish reason. */
  images: Counter<'model' | 'image_size' | 'outcome'>
  /** Seconds per provider call, whatever its answer. */
  providerLatency: Histogram<'provider' | 'model'>
  /** One per webhook delivery: the Stripe event type and what this app did with it. */
  stripeEvents: Counter<'type' | 'outcome'>
  /**
   * Password checks by outcome: `success` (a sign-in or a current password that matched),
   * `unknown_account` (a sign-in for an address with no account, hashed against a dummy as long as
   * a real check), `wrong_password` (a wrong current password for a change), `locked` (refused
   * before the check: this client used up its tries on this account).
   */
  passwordChecks: Counter<'outcome'>
  /** Set at scrape time from the database (src/ops/databaseGauges.ts). */
  queueDepth: Gauge
  queueOldestAge: Gauge
  creditsHeld: Gauge
}

// On globalThis: Next.js bundles the admin and the API separately; one process, one registry.
const holder = globalThis as typeof globalThis & { __photoPackagesMetrics?: Metrics }

/** Seconds: image models answer in 3-30 s; 120 s is the default call deadline (GEMINI_TIMEOUT_MS). */
const PROVIDER_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120]

/**
 * prom-client's default metrics include three gauges named `_total` (`nodejs_active_handles_total`
 * ...), which Prometheus reserves for counters (`promtool check metrics` refuses them). The same
 * counts stay available, by type, in `nodejs_active_handles`, `_requests` and `_resources`.
 */
export const dropMisnamedDefaults = (registry: Registry): void => {
  for (const name of ['handles', 'requests', 'resources'])
    registry.removeSingleMetric(`nodejs_active_${name}_total`)
}

const create = (): Metrics => {
  const registry = new Registry()
  registry.setDefaultLabels({ component: settings().role === 'worker' ? 'worker' : 'app' })
  collectDefaultMetrics({ register: registry })
  dropMisnamedDefaults(registry)
  const registers = [registry]
  return {
    registry,
    images: new Counter({
      name: 'photo_packages_images_total',
      help: 'Provider answers for one image, each try counted: outcome success, retryable, failed, or the finish reason of a refusal or an empty answer (lower case).',
      labelNames: ['model', 'image_size', 'outcome'],
      registers,
    }),
    providerLatency: new Histogram({
      name: 'photo_packages_provider_request_duration_seconds',
      help: 'Duration of one image call to the provider, whatever its answer.',
      labelNames: ['provider', 'model'],
      buckets: PROVIDER_BUCKETS,
      registers,
    }),
    stripeEvents: new Counter({
      name: 'photo_packages_stripe_events_total',
      help: 'Stripe webhook deliveries by event type and outcome (handled, duplicate, ignored, waiting_for_payment, invalid_signature, error).',
      labelNames: ['type', 'outcome'],
      registers,
    }),
    passwordChecks: new Counter({
      name: 'photo_packages_password_checks_total',
      help: 'Password checks by outcome: success (sign-in or current password matched), unknown_account (sign-in for no account, hashed against a dummy), unverified_account (sign-in to an account whose address is not confirmed yet, refused as a wrong password), wrong_password (wrong current password for a change), locked (this client used up its tries on the account).',
      labelNames: ['outcome'],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'photo_packages_generation_queue_depth',
      help: 'Generations queued and not yet picked up by a worker (whole deployment, read from the database).',
      registers,
    }),
    queueOldestAge: new Gauge({
      name: 'photo_packages_generation_queue_oldest_age_seconds',
      help: 'Age of the oldest queued generation, 0 when none waits (whole deployment).',
      registers,
    }),
    creditsHeld: new Gauge({
      name: 'photo_packages_credits_held',
      help: 'Shoots held by generations still queued or running (whole deployment).',
      registers,
    }),
  }
}

/** The process's metrics, created on first use. */
export const metrics = (): Metrics => (holder.__photoPackagesMetrics ??= create())

/**
 * A label value from text outside our control (a finish reason, a Stripe event type): lower case,
 * `[a-z0-9_.-]` only, at most 64 characters, so no input can grow a series without bound.
 */
export const labelValue = (text: string | undefined, fallback = 'unknown'): string =>
  text
    ?.toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .slice(0, 64) || fallback
