import type { FieldHook } from 'payload'

type Face = { descriptor?: unknown }

const lacksDescriptors = (value: unknown): boolean =>
  Array.isArray(value) && value.some((face) => !Array.isArray((face as Face | null)?.descriptor))

/**
 * `faces` beforeChange on update: faces written back without their descriptors keep the stored
 * ones. The S3 adapter saves an upload again in the same REST request with the document as that
 * request read it (hideFaceDescriptors took the descriptors out), which would otherwise store the
 * faces without them and leave the likeness check nothing to compare. A null clears them.
 */
export const keepFaceDescriptors: FieldHook = ({ value, originalDoc, operation }) => {
  if (operation !== 'update' || !lacksDescriptors(value)) return value
  const stored = (originalDoc as { faces?: unknown } | undefined)?.faces
  return Array.isArray(stored) && !lacksDescriptors(stored) ? stored : value
}
