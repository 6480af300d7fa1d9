import type { Payload } from 'payload'

import { isServed, loadCatalogue } from './modelCatalogue'
import { modelsInUse } from './probeModels'

/** A model in use that no shoot can use now: what the admin dashboard's red banner names. */
export interface ModelAlert {
  model: string
  label: string
  status: 'notServed' | 'retired' | 'served'
  /** Packages (or "default (ENV)") that would call it. */
  usedBy: string[]
  lastProbedAt: string | null
  lastProbeError: string | null
}

/** Every model in use whose catalogue row says it is not served or retired, with who uses it; [] when all is well. */
export const modelAlerts = async (payload: Payload): Promise<ModelAlert[]> => {
  const catalogue = await loadCatalogue(payload)
  const alerts: ModelAlert[] = []
  for (const [model, usedBy] of await modelsInUse(payload)) {
    if (isServed(catalogue, model)) continue
    const row = catalogue.get(model)
    alerts.push({
      model,
      label: row?.label ?? model,
      status: row?.status ?? 'notServed',
      usedBy,
      lastProbedAt: row?.lastProbedAt ?? null,
      lastProbeError: row?.lastProbeError ?? null,
    })
  }
  return alerts
}
