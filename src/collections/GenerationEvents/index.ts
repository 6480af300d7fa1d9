import type { CollectionConfig } from 'payload'

import { nobody } from '@/access'

/**
 * Append-only record of what a customer's progress page shows: one row per change of a
 * generation's status view, numbered per generation (`seq` 1, 2, ...). Written only by
 * src/generation/progressEvents.ts, in the same transaction as the change it describes, and read
 * by the progress streams (the opening state, and what a reconnecting page missed). Hidden from the
 * admin and closed to every API; a generation's rows go with it.
 */
export const GenerationEvents: CollectionConfig = {
  slug: 'generation-events',
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  // Written in bulk by a job, never edited: no admin edit lock, so no lock row to cascade per deleted row.
  lockDocuments: false,
  indexes: [{ fields: ['generation', 'seq'], unique: true }],
  fields: [
    { name: 'generation', type: 'relationship', relationTo: 'generations', required: true },
    { name: 'seq', type: 'number', required: true },
    // The owner's status view at this change (src/generation/generationStatus.ts).
    { name: 'view', type: 'json', required: true },
  ],
}
