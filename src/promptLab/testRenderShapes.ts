import { z } from 'zod'

import { badRequest } from '@/lib/errors'
import type { PackageTheme, PhotoPackage, TestRender } from '@/payload-types'
import {
  buildPrompt,
  CUSTOM_PROMPT_MAX,
  FAMILY_MEMBERS_MAX,
  FAMILY_MEMBERS_MIN,
  PORTRAIT_TYPES,
  PromptError,
  type PromptTheme,
  SAMPLE_FAMILY_MEMBER_COUNT,
  themePromptProblem,
} from '@/prompt'

/*
 * What goes into and comes out of a test render (src/promptLab/testRenders.ts): the request's
 * schema, the prompt it makes from the saved theme and the editor's draft, and the view the
 * prompt lab shows.
 */

const promptText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .max(max, `${label} is at most ${max} characters.`)
    .nullish()
    .superRefine((value, context) => {
      const problem = value ? themePromptProblem(value) : null
      if (problem) context.addIssue({ code: 'custom', message: `${label}: ${problem}` })
    })

/** The editor's unsaved theme prompts, so a draft can be tried before it is saved. */
const draftSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    description: z.string().max(1000).nullish(),
    settingPrompt: promptText('settingPrompt', 1000),
    clothingPrompt: promptText('clothingPrompt', 500),
    atmospherePrompt: promptText('atmospherePrompt', 500),
    technicalPrompt: promptText('technicalPrompt', 1000),
    styleModifiers: z.array(z.string().max(100)).max(20).nullish(),
  })
  .partial()

export const testRenderInputSchema = z.object({
  portraitType: z.enum(PORTRAIT_TYPES, { error: 'portraitType must be single, couple or family.' }),
  customPrompt: z
    .string({ error: 'customPrompt must be text.' })
    .max(CUSTOM_PROMPT_MAX, `customPrompt is at most ${CUSTOM_PROMPT_MAX} characters.`)
    .nullish(),
  familyMemberCount: z.coerce
    .number({ error: 'familyMemberCount must be a number.' })
    .int('familyMemberCount must be a whole number.')
    .min(FAMILY_MEMBERS_MIN, `familyMemberCount is at least ${FAMILY_MEMBERS_MIN}.`)
    .max(FAMILY_MEMBERS_MAX, `familyMemberCount is at most ${FAMILY_MEMBERS_MAX}.`)
    .nullish(),
  draft: draftSchema.optional(),
})

export type TestRenderInput = z.output<typeof testRenderInputSchema>

export interface TestRenderView {
  id: number
  status: TestRender['status']
  message: string | null
  portraitType: TestRender['portraitType']
  prompt: string
  provider: string | null
  isPreview: boolean
  url: string | null
  thumbnailUrl: string | null
  /** The render's faces against the sample photo's (null: made before test renders were checked, or not an image). */
  likeness: TestRenderLikenessView | null
  createdAt: string
}

/** A test render's likeness as the prompt lab shows it; `score` null when not checked (`note` says why). */
export interface TestRenderLikenessView {
  score: number | null
  passed: boolean | null
  threshold: number | null
  facesFound: number | null
  facesExpected: number | null
  sampleFaces: number | null
  people: { label: string; score: number }[]
  note: string | null
}

const likenessView = (likeness: TestRender['likeness']): TestRenderLikenessView | null =>
  likeness && typeof likeness.threshold === 'number'
    ? {
        score: likeness.score ?? null,
        passed: likeness.passed ?? null,
        threshold: likeness.threshold,
        facesFound: likeness.facesFound ?? null,
        facesExpected: likeness.facesExpected ?? null,
        sampleFaces: likeness.sampleFaces ?? null,
        people: Array.isArray(likeness.people) ? (likeness.people as TestRenderLikenessView['people']) : [],
        note: likeness.note ?? null,
      }
    : null

export const testRenderView = (doc: TestRender): TestRenderView => ({
  id: doc.id,
  status: doc.status,
  message: doc.message ?? null,
  portraitType: doc.portraitType,
  prompt: doc.prompt ?? '',
  provider: doc.provider ?? null,
  isPreview: Boolean(doc.isPreview),
  url: doc.url ?? null,
  thumbnailUrl: doc.sizes?.thumbnail?.url ?? doc.thumbnailURL ?? doc.url ?? null,
  likeness: likenessView(doc.likeness),
  createdAt: doc.createdAt,
})

/** The prompt a test render sends: the saved theme, with the editor's draft prompts laid over it. */
export const testRenderPrompt = (pkg: PhotoPackage, theme: PackageTheme, input: TestRenderInput): string => {
  const draft = input.draft ?? {}
  const merged: PromptTheme = {
    name: draft.name ?? theme.name,
    description: draft.description !== undefined ? draft.description : theme.description,
    settingPrompt: draft.settingPrompt ?? theme.settingPrompt,
    clothingPrompt: draft.clothingPrompt !== undefined ? draft.clothingPrompt : theme.clothingPrompt,
    atmospherePrompt: draft.atmospherePrompt !== undefined ? draft.atmospherePrompt : theme.atmospherePrompt,
    technicalPrompt: draft.technicalPrompt !== undefined ? draft.technicalPrompt : theme.technicalPrompt,
    styleModifiers: draft.styleModifiers !== undefined ? draft.styleModifiers : theme.styleModifiers,
  }
  try {
    return buildPrompt({
      pkg: {
        name: pkg.name,
        basePromptTemplate: pkg.basePromptTemplate,
        generationInstructions: pkg.generationInstructions,
        imagesPerGeneration: pkg.imagesPerGeneration,
      },
      theme: merged,
      request: {
        portraitType: input.portraitType,
        customPrompt: input.customPrompt ?? null,
        familyMemberCount:
          input.portraitType === 'family' ? (input.familyMemberCount ?? SAMPLE_FAMILY_MEMBER_COUNT) : null,
      },
    })
  } catch (error) {
    if (error instanceof PromptError) throw badRequest(`This theme cannot make a prompt: ${error.message}`)
    throw error
  }
}
