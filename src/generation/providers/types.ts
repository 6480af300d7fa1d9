import type { AspectRatio } from '../vocabulary'
import type { ReferenceRole } from '@/prompt'

import type { ImageSize } from '../imageModels'

export { ASPECT_RATIOS, type AspectRatio, isAspectRatio } from '../vocabulary'

/** One reference photo as sent: its bytes and the short label naming who it shows. */
export interface ReferenceImage {
  data: Buffer
  mimeType: string
  /** e.g. "Reference photo 2 of 2: person 2 of the couple." */
  label?: string
  /** Who it shows (the shoot's role for it); the offline renderer shows each person once by it. */
  role?: ReferenceRole
}

export interface GenerateInput {
  prompt: string
  /** The first (or only) reference photo. */
  image: { data: Buffer; mimeType: string }
  /** Every reference photo in order (the first is `image`); absent means `image` alone. */
  references?: ReferenceImage[]
  /** The model to ask (Gemini); default the provider's own. */
  model?: string
  /** Output size for models that take one; default 1K. */
  imageSize?: ImageSize
  aspectRatio: AspectRatio
  quality: 'standard' | 'high'
  signal?: AbortSignal
  /**
   * Used only by the offline renderer, which has no model to read the prompt.
   * `variant` (the image's index in its generation) varies the crop and grade so a
   * package's previews are not all identical.
   */
  hints?: { themeName?: string; palette?: string[]; variant?: number }
}

export interface GenerateUsage {
  promptTokens?: number
  outputTokens?: number
  totalTokens?: number
}

export type GenerateOutcome =
  | {
      kind: 'image'
      data: Buffer
      mimeType: string
      model: string
      imageSize: ImageSize
      usage?: GenerateUsage
    }
  /** The provider refused on content grounds: final, a retry gives the same answer. */
  | { kind: 'blocked'; reason: string; message: string }
  /**
   * No image this time, and no safety verdict either (text-only STOP, NO_IMAGE, IMAGE_OTHER,
   * OTHER, empty candidates): worth another try, and told to customers in neutral words.
   */
  | { kind: 'noImage'; reason: string; message: string }
  /** Worth another try after `retryAfterMs` (rate limit, overload, network, timeout, cancel). */
  | { kind: 'retryable'; retryAfterMs: number; message: string; status?: number }
  /** The request itself is wrong or the answer unreadable: retrying will not help. */
  | { kind: 'failed'; message: string }
  /**
   * 404 NOT_FOUND for the model: Google does not serve it (unknown or shut down). Not the image's
   * fault: the model is marked not served and the shoot refunded.
   */
  | { kind: 'modelNotServed'; model: string; message: string }

/** What `models.get` said of a model: served, not served (404), or no verdict (network, 5xx, timeout). */
export type ModelProbe =
  { kind: 'served' } | { kind: 'notServed'; message: string } | { kind: 'unknown'; message: string }

/** One interface for every image source; the job only ever talks to this. */
export interface ImageProvider {
  readonly name: string
  /** True for the offline renderer: its images are labelled "preview render" everywhere. */
  readonly isPreview: boolean
  generate(input: GenerateInput): Promise<GenerateOutcome>
  /** Asks the provider whether it serves `model` (Gemini's models.get); absent for the offline renderer. */
  probeModel?(model: string): Promise<ModelProbe>
}
