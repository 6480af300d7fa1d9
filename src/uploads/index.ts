/**
 * Upload safety: sniffing the real format, refusing polyglots and bombs, normalising to a
 * clean JPEG, and the one collection hook that applies it (customer photos, media). The
 * prompt lab's sample photo goes through normalizeUpload directly (it is not a collection upload).
 */
export {
  MAX_HEIF_PIXELS,
  MAX_INPUT_PIXELS,
  MAX_PROVIDER_EDGE,
  MAX_UPLOAD_BYTES,
  normalizeUpload,
  type NormalizedUpload,
  UPLOAD_JPEG_QUALITY,
  UploadRejectedError,
  type UploadRejection,
} from './normalize'
export { NORMALIZED_UPLOAD, safeUploadHook, type SafeUploadOptions } from './safeUploadHook'
export { checkUploadQuota, countAcceptedUpload, UPLOAD_QUOTA_CHECKED } from './uploadQuota'
export { withDecodeSlot } from './decodeQueue'
