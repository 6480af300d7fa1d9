import type { FieldHook } from 'payload'

/**
 * `faces` afterRead: REST and GraphQL answers carry each face's box, size, score and sharpness,
 * never its descriptor (1024 numbers, biometric data, about 10 KB a face). Local API reads keep
 * it (the worker's likeness check), and so does a read with `context.faceDescriptors` (the
 * account export, which runs inside a REST request).
 */
export const hideFaceDescriptors: FieldHook = ({ value, req, context, showHiddenFields }) => {
  if (
    req.payloadAPI === 'local' ||
    context?.faceDescriptors === true ||
    // An update's read of the stored document (Payload reads it with showHiddenFields and writes its
    // fields back): stripped there, a later update in a REST request (the S3 adapter's metadata save
    // after the upload's create) would store the faces without their descriptors.
    showHiddenFields === true ||
    !Array.isArray(value)
  )
    return value
  return value.map((face) =>
    face && typeof face === 'object'
      ? Object.fromEntries(Object.entries(face).filter(([key]) => key !== 'descriptor'))
      : face,
  )
}
