import type { Payload } from 'payload'

import { settings } from '@/lib/settings'

import { RETIRED_IMAGE_MODELS } from './imageModels'
import { ensureSeedModels, loadCatalogue } from './modelCatalogue'
import { probeImageModels, type ProbeReport } from './probeModels'

let startupProbe: Promise<ProbeReport | null> = Promise.resolve(null)

/** This process's probe at start (tests await it before they change a model's status). */
export const startupProbeDone = (): Promise<ProbeReport | null> => startupProbe

/**
 * At start of every app and worker process: fill missing seed rows, read the catalogue, and
 * probe the models in use in the background (Google may be slow; start-up does not wait). A
 * build (`next build` loads the config) touches nothing.
 */
export const startModelCatalogue = async (payload: Payload): Promise<void> => {
  if (settings().isBuilding) return
  warnRetiredEnvModels(payload)
  try {
    await ensureSeedModels(payload)
    await loadCatalogue(payload)
  } catch (error) {
    // A database without the table yet (migrations pending) still starts; the seed stands in.
    payload.logger.warn({ err: error, msg: 'image model catalogue not loaded; using the seed' })
    return
  }
  startupProbe = probeImageModels(payload).catch((error: unknown) => {
    payload.logger.warn({ err: error, msg: 'image model probe at start failed' })
    return null
  })
}

/** Env cannot be migrated: a retired id in GEMINI_IMAGE_MODEL / GEMINI_HIGH_QUALITY_MODEL is read as its replacement, and said so. */
const warnRetiredEnvModels = (payload: Payload) => {
  const { standard, high } = settings().imageModels
  for (const [name, value] of [
    ['GEMINI_IMAGE_MODEL', standard],
    ['GEMINI_HIGH_QUALITY_MODEL', high],
  ] as const) {
    const replacement = value ? RETIRED_IMAGE_MODELS[value] : undefined
    if (replacement)
      payload.logger.warn({
        msg: `${name}=${value} is shut down by Google; using ${replacement} instead. Update the variable.`,
      })
  }
}
