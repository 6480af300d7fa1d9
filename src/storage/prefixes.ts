/**
 * Where each upload collection keeps its files: a folder under MEDIA_DIR / PRIVATE_MEDIA_DIR on
 * disk, or the same name as the key prefix in the S3 bucket (with a studio's folder under it for
 * new files of a studio-owned collection: ./studioPrefix.ts).
 */
export const STORAGE_PREFIXES = {
  media: 'media',
  'photo-uploads': 'uploads',
  'generation-results': 'results',
  'test-renders': 'test-renders',
} as const

export type StoredCollection = keyof typeof STORAGE_PREFIXES
