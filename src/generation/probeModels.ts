import type { Payload } from 'payload'

import { settings } from '@/lib/settings'
import type { PhotoPackage } from '@/payload-types'

import { activeProvider } from './activeProvider'
import type { ModelStatus } from './imageModels'
import { loadCatalogue } from './modelCatalogue'
import type { ImageProvider, ModelProbe } from './providers/types'
import { configuredModelFor, modelIdOf } from './shootOptions'

/** A model some part of the studio would call, and who would: package names, or "default (ENV)" when none names it. */
export type ModelsInUse = Map<string, string[]>

const add = (uses: ModelsInUse, model: string | undefined, user: string) => {
  if (!model) return
  const users = uses.get(model) ?? []
  if (!users.includes(user)) users.push(user)
  uses.set(model, users)
}

/**
 * Every model a shoot could use: each package's standard and (offered) high quality models, the
 * env defaults its empty fields fall back to, and each package's fallback model. Inactive
 * packages count too: activating one must not find its model gone.
 */
export const modelsInUse = async (payload: Payload): Promise<ModelsInUse> => {
  const { docs } = await payload.find({
    collection: 'photo-packages',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { name: true, settings: true },
  })
  const uses: ModelsInUse = new Map()
  const models = settings().imageModels
  add(uses, configuredModelFor('standard', models), 'default (GEMINI_IMAGE_MODEL)')
  add(uses, configuredModelFor('high', models), 'default (GEMINI_HIGH_QUALITY_MODEL)')
  for (const pkg of docs as PhotoPackage[]) {
    const shoot = pkg.settings ?? {}
    add(uses, modelIdOf(shoot.standardQuality?.model) ?? configuredModelFor('standard', models), pkg.name)
    if (shoot.highQuality?.offered !== false)
      add(uses, modelIdOf(shoot.highQuality?.model) ?? configuredModelFor('high', models), pkg.name)
    add(uses, modelIdOf(shoot.fallbackModel), `${pkg.name} (fallback)`)
  }
  return uses
}

/**
 * Records what the provider said of `model` on its catalogue row (created, unpriced, when an env
 * variable names a model the catalogue lacks). A retired row stays retired; a probe with no verdict
 * keeps the status and records why.
 */
export const recordProbe = async (payload: Payload, model: string, probe: ModelProbe): Promise<void> => {
  const now = new Date().toISOString()
  const existing = await payload
    .findByID({ collection: 'image-models', id: model, depth: 0, overrideAccess: true })
    .catch(() => null)
  const verdict: ModelStatus | undefined =
    probe.kind === 'served' ? 'served' : probe.kind === 'notServed' ? 'notServed' : undefined
  const data = {
    lastProbedAt: now,
    lastProbeError: probe.kind === 'served' ? null : probe.message,
    ...(verdict && existing?.status !== 'retired' ? { status: verdict } : {}),
  }
  if (existing) {
    await payload.update({ collection: 'image-models', id: model, data, overrideAccess: true, depth: 0 })
    return
  }
  await payload.create({
    collection: 'image-models',
    data: {
      id: model,
      label: model,
      imageSizes: ['1K', '2K', '4K'],
      maxReferenceImages: 5,
      maxPeopleReferences: 5,
      status: verdict ?? 'served',
      ...data,
    },
    overrideAccess: true,
    depth: 0,
  })
}

export interface ProbeReport {
  probed: number
  served: string[]
  notServed: string[]
  unknown: string[]
}

/**
 * Probes every model in use with the provider's models.get and stores each verdict on the
 * catalogue. Only a provider that can probe does (Gemini, with GEMINI_API_KEY); the offline
 * renderer needs no model and probes nothing. Run at start by every app and worker process and
 * hourly as a job (src/generation/tasks.ts).
 */
export const probeImageModels = async (
  payload: Payload,
  provider: ImageProvider = activeProvider(),
): Promise<ProbeReport> => {
  const report: ProbeReport = { probed: 0, served: [], notServed: [], unknown: [] }
  if (!provider.probeModel) return report
  for (const model of (await modelsInUse(payload)).keys()) {
    const probe = await provider.probeModel(model)
    await recordProbe(payload, model, probe)
    report.probed++
    report[probe.kind === 'notServed' ? 'notServed' : probe.kind === 'served' ? 'served' : 'unknown'].push(
      model,
    )
    if (probe.kind !== 'served')
      payload.logger.warn({ msg: `image model ${model}: ${probe.kind}`, model, detail: probe.message })
  }
  await loadCatalogue(payload)
  return report
}

/** Marks `model` not served after a 404 NOT_FOUND from a generation call (no need to wait for the next probe). */
export const markNotServed = (payload: Payload, model: string, message: string): Promise<void> =>
  recordProbe(payload, model, { kind: 'notServed', message })
