import type { PayloadRequest } from 'payload'

import { isStaffUser, isStudioStaff, studioIdsOf } from '@/access'
import { activeProvider } from '@/generation/activeProvider'
import { lockUserRow } from '@/lib/drizzle'
import { badRequest, forbidden, notFound, tooManyRequests, unauthorized } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { settings } from '@/lib/settings'
import { readStoredFile } from '@/storage/files'
import { inTransaction } from '@/lib/transactions'
import type { PackageTheme, PhotoPackage, TestRender } from '@/payload-types'
import { normalizeUpload } from '@/uploads'
import { DEFAULT_LIKENESS_THRESHOLD } from '@/faces/likeness'
import { SAMPLE_FAMILY_MEMBER_COUNT } from '@/prompt'

import { scanSample, testRenderLikeness } from './testRenderLikeness'
import {
  type TestRenderInput,
  type TestRenderView,
  testRenderPrompt,
  testRenderView,
} from './testRenderShapes'

const RENDER_TIMEOUT_MS = 120_000

/** PROMPT_LAB_DAILY_LIMIT test renders per editor per UTC day (20 when unset). */
export const promptLabDailyLimit = (): number => settings().promptLabDailyLimit

export const requireStaff = (req: PayloadRequest): number => {
  if (!req.user) throw unauthorized()
  if (!isStaffUser(req.user)) throw forbidden('Only editors and admins can use the prompt lab.')
  return req.user.id as number
}

/** A studio's owner or editor works only with their own studios' themes: another studio's is a 404. */
const refuseOtherStudio = (req: PayloadRequest, theme: Pick<PackageTheme, 'id' | 'studio'>): void => {
  if (!isStudioStaff(req.user)) return
  const studio = String(relationId(theme.studio))
  if (!studioIdsOf(req.user).some((id) => String(id) === studio))
    throw notFound(`No theme with id ${theme.id}.`)
}

const startOfUtcDay = (now: Date): string => `${now.toISOString().slice(0, 10)}T00:00:00.000Z`

const loadTheme = async (
  req: PayloadRequest,
  themeId: number,
): Promise<{ theme: PackageTheme; pkg: PhotoPackage }> => {
  const theme = (await req.payload
    .findByID({
      collection: 'package-themes',
      id: themeId,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    })
    .catch(() => null)) as PackageTheme | null
  if (!theme) throw notFound(`No theme with id ${themeId}.`)
  refuseOtherStudio(req, theme)
  const packageId = relationId(theme.package)
  const pkg = (await req.payload.findByID({
    collection: 'photo-packages',
    id: packageId,
    depth: 0,
    overrideAccess: true,
    joins: false,
  })) as PhotoPackage
  return { theme, pkg }
}

/**
 * Takes one of the editor's test renders for today, or refuses with a 429. The editor's user
 * row is locked first, so two renders sent at once cannot both take the last one.
 */
const reserveTestRender = (
  req: PayloadRequest,
  userId: number,
  row: Omit<TestRender, 'createdAt' | 'id' | 'updatedAt'>,
  now: Date,
) =>
  inTransaction(req, async (req) => {
    await lockUserRow(req, userId)
    const limit = promptLabDailyLimit()
    const { totalDocs: used } = await req.payload.count({
      collection: 'test-renders',
      where: { ranBy: { equals: userId }, createdAt: { greater_than_equal: startOfUtcDay(now) } },
      req,
      overrideAccess: true,
    })
    if (used >= limit) {
      throw tooManyRequests(
        `You have used your ${limit} test renders for today (UTC). More are available from midnight UTC.`,
        { dailyLimit: limit, usedToday: used },
      )
    }
    const doc = await req.payload.create({
      collection: 'test-renders',
      data: row,
      req,
      overrideAccess: true,
      depth: 0,
    })
    return { doc: doc as TestRender, usedToday: used + 1, dailyLimit: limit }
  })

/**
 * The prompt lab's "test render": builds the theme's prompt (with the editor's draft, if any),
 * runs the configured provider on the sample photo, and keeps the result in the theme's
 * gallery. Spends no customer credits; logged with who ran it; rate-limited per editor.
 */
export const runTestRender = async (
  req: PayloadRequest,
  themeId: number,
  input: TestRenderInput,
  sample: Buffer | undefined,
  now: Date = new Date(),
): Promise<{ testRender: TestRenderView; usedToday: number; dailyLimit: number }> => {
  const userId = requireStaff(req)
  const { theme, pkg } = await loadTheme(req, themeId)
  const prompt = testRenderPrompt(pkg, theme, input)
  if (!sample?.length) throw badRequest('Attach a sample photo (multipart field "file").', { field: 'file' })
  const photo = await normalizeUpload(sample)
  const provider = activeProvider()
  const { doc, usedToday, dailyLimit } = await reserveTestRender(
    req,
    userId,
    {
      theme: themeId,
      studio: relationId(theme.studio),
      ranBy: userId,
      portraitType: input.portraitType,
      status: 'running',
      prompt,
      provider: provider.name,
      isPreview: provider.isPreview,
    },
    now,
  )
  // The sample's faces are scanned while the provider draws; the render's after it (issue 23).
  const sampleFaces = scanSample(photo.data)
  const started = performance.now()
  const outcome = await provider
    .generate({
      prompt,
      image: { data: photo.data, mimeType: photo.mimeType },
      aspectRatio: '3:4',
      quality: 'standard',
      signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
      hints: { themeName: theme.name, palette: theme.colorPalette ?? undefined, variant: doc.id % 3 },
    })
    .catch((error: unknown) => ({
      kind: 'failed' as const,
      message: error instanceof Error ? error.message : String(error),
    }))
  const latencyMs = Math.round(performance.now() - started)
  const update = (
    data: Partial<TestRender>,
    file?: { data: Buffer; mimetype: string; name: string; size: number },
  ) =>
    req.payload.update({
      collection: 'test-renders',
      id: doc.id,
      data,
      file,
      overrideAccess: true,
      depth: 0,
    }) as Promise<TestRender>
  let saved: TestRender
  if (outcome.kind === 'image') {
    const extension = outcome.mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png'
    const likeness = await testRenderLikeness(
      sampleFaces,
      outcome.data,
      {
        portraitType: input.portraitType,
        familyMemberCount: input.familyMemberCount ?? SAMPLE_FAMILY_MEMBER_COUNT,
        threshold: pkg.likeness?.threshold ?? DEFAULT_LIKENESS_THRESHOLD,
      },
      req.payload.logger,
    )
    saved = await update(
      { status: 'succeeded', latencyMs, message: null, likeness },
      {
        data: outcome.data,
        mimetype: outcome.mimeType,
        name: `test-render-${doc.id}.${extension}`,
        size: outcome.data.length,
      },
    )
  } else if (outcome.kind === 'blocked') {
    saved = await update({
      status: 'blocked',
      latencyMs,
      message: `Blocked by the safety filter (${outcome.reason}): ${outcome.message}`,
    })
  } else if (outcome.kind === 'noImage') {
    saved = await update({ status: 'failed', latencyMs, message: `${outcome.message} Try the render again.` })
  } else if (outcome.kind === 'retryable') {
    saved = await update({
      status: 'failed',
      latencyMs,
      message: `The image model is busy: ${outcome.message} Try again in ${Math.ceil(outcome.retryAfterMs / 1000)} s.`,
    })
  } else {
    saved = await update({ status: 'failed', latencyMs, message: `The render failed: ${outcome.message}` })
  }
  return { testRender: testRenderView(saved), usedToday, dailyLimit }
}

/** The theme's gallery of test renders, newest first. */
export const listTestRenders = async (
  req: PayloadRequest,
  themeId: number,
  limit = 12,
): Promise<TestRenderView[]> => {
  requireStaff(req)
  await loadTheme(req, themeId)
  const { docs } = await req.payload.find({
    collection: 'test-renders',
    where: { theme: { equals: themeId } },
    sort: '-createdAt',
    limit,
    depth: 0,
    overrideAccess: true,
  })
  return (docs as TestRender[]).map(testRenderView)
}

/** Copies a test render into the public media library and makes it the theme's preview image. */
export const useTestRenderAsPreview = async (req: PayloadRequest, testRenderId: number) => {
  requireStaff(req)
  const render = (await req.payload
    .findByID({
      collection: 'test-renders',
      id: testRenderId,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    })
    .catch(() => null)) as TestRender | null
  if (!render) throw notFound(`No test render with id ${testRenderId}.`)
  if (render.status !== 'succeeded' || !render.filename)
    throw badRequest('Only a finished test render with an image can become the preview image.')
  const data = await readStoredFile(req.payload, 'test-renders', render)
  const themeId = relationId(render.theme)
  if (!themeId) throw badRequest('The theme of this test render was deleted.')
  const { theme } = await loadTheme(req, themeId)
  const media = await req.payload.create({
    collection: 'media',
    // The preview belongs to the theme's studio.
    data: { alt: `Test render ${render.id} (${render.portraitType})`, studio: theme.studio },
    file: { data, mimetype: render.mimeType ?? 'image/webp', name: render.filename, size: data.length },
    overrideAccess: true,
    depth: 0,
  })
  await req.payload.update({
    collection: 'package-themes',
    id: themeId,
    data: { previewImage: media.id },
    req,
    overrideAccess: true,
    depth: 0,
  })
  return { themeId, mediaId: media.id, url: media.url ?? null }
}
