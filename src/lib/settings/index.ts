/**
 * Every environment variable the app reads, declared once: one zod object, split by concern
 * (core, stripe, storage, email, generation). The `Settings` type, the variable list and the README's
 * environment table check (tests/unit/lib/settingsReadme.test.ts) all come from it. A variable that
 * is set but wrong throws a SettingsError naming it (a typo must not quietly fall back to a default);
 * unset or blank means the default.
 *
 * `settings()` parses process.env once per distinct set of values, so tests that change a
 * variable at run time see the change; `readSettings(env)` parses any plain map. This file is the
 * only one under src that reads process.env (eslint's no-restricted-properties enforces it).
 */
import { z } from 'zod'

import { coreVariables, toCore } from './core'
import { emailVariables, toEmail } from './email'
import { type Env, parseEnv } from './fields'
import { geminiVariables, generationVariables, toGemini, toGeneration } from './generation'
import { s3Variables, storageVariables, toS3, toStorage } from './storage'
import { stripeVariables, toStripe } from './stripe'

export { DEFAULT_PACKAGE_CACHE_TTL_MS, PROCESS_ROLES, type ProcessRole } from './core'
export type { SmtpSettings } from './email'
export { type Env, envText, SettingsError } from './fields'
export { DEFAULT_PROMPT_LAB_DAILY_LIMIT, type GeminiSettings } from './generation'
export { type S3Settings, UPLOAD_BODY_ALLOWANCE } from './storage'
export type { StripeSettings } from './stripe'

/** Every variable, by name: the single declaration. */
export const settingVariables = z.object({
  ...coreVariables.shape,
  ...stripeVariables.shape,
  ...storageVariables.shape,
  ...emailVariables.shape,
  ...generationVariables.shape,
})

/** The variables mapped to the settings the app uses. */
export const settingsSchema = settingVariables.transform((env) => ({
  ...toCore(env),
  stripe: toStripe(env),
  ...toStorage(env),
  ...toEmail(env),
  ...toGeneration(env),
}))

export type Settings = z.output<typeof settingsSchema>

/** The variables readSettings reads: the cache key, and the README table's checklist. */
export const SETTING_VARIABLES = Object.keys(
  settingVariables.shape,
) as (keyof typeof settingVariables.shape)[]

/** Parses every setting from `env`; throws a SettingsError naming the first bad variable. */
export const readSettings = (env: Env): Settings => parseEnv(settingsSchema, env)

/** STRIPE_SECRET_KEY and friends from `env`, or null: "payments are not configured". */
export const readStripeSettings = (env: Env) => parseEnv(stripeVariables.transform(toStripe), env)

/** GEMINI_API_KEY and friends from `env`, or null: portraits come from the offline renderer. */
export const readGeminiSettings = (env: Env) => parseEnv(geminiVariables.transform(toGemini), env)

/** S3_BUCKET and friends from `env`, or null: uploads stay on the local disk. */
export const readS3Settings = (env: Env) => parseEnv(s3Variables.transform(toS3), env)

let cached: { key: string; value: Settings } | undefined

/** The app's settings from process.env (parsed again only when a variable changed). */
export const settings = (): Settings => {
  const key = SETTING_VARIABLES.map((name) => process.env[name] ?? '\u0000').join('\u0001')
  if (cached?.key !== key) cached = { key, value: readSettings(process.env) }
  return cached.value
}
