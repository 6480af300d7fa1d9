export const ASPECT_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'] as const
export type AspectRatio = (typeof ASPECT_RATIOS)[number]

export interface GenerateInput {
  prompt: string
  image: { data: Buffer; mimeType: string }
  aspectRatio: AspectRatio
  quality: 'standard' | 'high'
  signal?: AbortSignal
  /** Used only by the offline renderer, which has no model to read the prompt. */
  hints?: { themeName?: string; palette?: string[]; variant?: number }
}

export type GenerateOutcome =
  | { kind: 'image'; data: Buffer; mimeType: string; model: string; usage?: { promptTokens?: number; outputTokens?: number } }
  | { kind: 'blocked'; reason: string; message: string }
  | { kind: 'retryable'; retryAfterMs: number; message: string; status?: number }
  | { kind: 'failed'; message: string }

/** One interface for every image source; the job only ever talks to this. */
export interface ImageProvider {
  readonly name: string
  /** True for the offline renderer: its images are labelled "preview render" everywhere. */
  readonly isPreview: boolean
  generate(input: GenerateInput): Promise<GenerateOutcome>
}
