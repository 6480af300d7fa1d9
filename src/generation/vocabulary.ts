/**
 * The generation's words, once: imported by the collections, the request schema, the job and
 * client components. Dependency-free (no Payload, no Next) so a browser bundle can take it.
 */
export { PORTRAIT_TYPES, type PortraitType } from '@/prompt/variables'

export const GENERATION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'partially_succeeded',
  'failed',
  'blocked',
] as const
export type GenerationStatus = (typeof GENERATION_STATUSES)[number]

/** A generation in one of these has closed: no more images, credits settled. */
export const TERMINAL_STATUSES = ['succeeded', 'partially_succeeded', 'failed', 'blocked'] as const
export const isTerminalStatus = (status: string): boolean =>
  (TERMINAL_STATUSES as readonly string[]).includes(status)

export const IMAGE_STATES = ['pending', 'running', 'succeeded', 'blocked', 'failed'] as const

export const ASPECT_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'] as const
export type AspectRatio = (typeof ASPECT_RATIOS)[number]
export const isAspectRatio = (value: unknown): value is AspectRatio =>
  typeof value === 'string' && (ASPECT_RATIOS as readonly string[]).includes(value)

export const QUALITIES = ['standard', 'high'] as const
export type Quality = (typeof QUALITIES)[number]
