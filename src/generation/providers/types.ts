import type { AspectRatio } from '../vocabulary'

export { ASPECT_RATIOS, type AspectRatio, isAspectRatio } from '../vocabulary'

export interface GenerateInput {
  prompt: string
  image: { data: Buffer; mimeType: string }
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
  | { kind: 'image'; data: Buffer; mimeType: string; model: string; usage?: GenerateUsage }
  /** The provider refused on content grounds: final, a retry gives the same answer. */
  | { kind: 'blocked'; reason: string; message: string }
  /** Worth another try after `retryAfterMs` (rate limit, overload, network, timeout, cancel). */
  | { kind: 'retryable'; retryAfterMs: number; message: string; status?: number }
  /** The request itself is wrong or the answer unreadable: retrying will not help. */
  | { kind: 'failed'; message: string }

/** One interface for every image source; the job only ever talks to this. */
export interface ImageProvider {
  readonly name: string
  /** True for the offline renderer: its images are labelled "preview render" everywhere. */
  readonly isPreview: boolean
  generate(input: GenerateInput): Promise<GenerateOutcome>
}
