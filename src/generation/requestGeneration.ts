import type { PayloadRequest } from 'payload'

import { hasRole } from '@/access'
import { holdGenerationShoots } from '@/billing/generationShoots'
import { lockBalance, notEnoughForPackage } from '@/billing/ledger'
import { walletBalanceOf } from '@/billing/wallets'
import { isInSeason, nextSeasonStart } from '@/catalog/season'
import { DEFAULT_LIKENESS_THRESHOLD } from '@/faces/likeness'
import { type ReferencePhoto, referenceFacesProblem } from '@/faces/referenceCheck'
import { badRequest, forbidden, notFound, serviceUnavailable, unauthorized } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { requestIdOf } from '@/lib/requestId'
import { inTransaction } from '@/lib/transactions'
import { studioOfRequest } from '@/studios/resolveStudio'
import type { Generation, PackageTheme, PhotoPackage, PhotoUpload } from '@/payload-types'
import { queueGeneratePortraits } from '@/lib/queues'
import { buildPrompt, defaultReferenceRoles, MAX_REFERENCE_PHOTOS, referenceRolesProblem } from '@/prompt'

import { estimateSeconds } from './estimate'
import type { ImageSize, Quality } from './imageModels'
import { shootCostFor, shootOptionsOf } from './shootOptions'
import { type GenerationRequest, uploadFilenameFromUrl } from './requestSchema'
import { activeProviderInfo } from './activeProvider'
import { loadCatalogue } from './modelCatalogue'
import { chooseModel, modelUnavailableMessage } from './modelChoice'

export interface GenerationAccepted {
  generationId: number
  jobId: number | string | null
  packageInfo: { id: number; name: string; slug: string }
  themeInfo: { id: number; name: string; isPremium: boolean }
  imageCount: number
  shootCost: number
  /** Shoots still usable on this package: its own wallet plus "any package" shoots. */
  balance: number
  wallets: { package: number; any: number }
  estimatedProcessingTime: number
  isPreview: boolean
  /** The quality asked for, with the model and size planned (the offline renderer records its own). */
  quality: { quality: Quality; model: string; imageSize: ImageSize; fallbackFrom: string | null }
  referenceCount: number
}

/**
 * The photos in the order given; every one must be the caller's own (a URL is only ever
 * matched against their uploads), else a 404 and nothing is held.
 */
const findOwnUploads = async (
  req: PayloadRequest,
  input: GenerationRequest,
  userId: number,
): Promise<PhotoUpload[]> => {
  // The schema refused malformed percent-encoding; null can only come from a caller that skipped it.
  const byUrl = input.uploadedImageUrl
    ? (uploadFilenameFromUrl(input.uploadedImageUrl) ?? undefined)
    : undefined
  const ids = input.uploadIds ?? (input.uploadId !== undefined ? [input.uploadId] : undefined)
  const { docs } = await req.payload.find({
    collection: 'photo-uploads',
    where: {
      and: [{ owner: { equals: userId } }, ids ? { id: { in: ids } } : { filename: { equals: byUrl } }],
    },
    limit: MAX_REFERENCE_PHOTOS,
    depth: 0,
    req,
    overrideAccess: true,
    // The faces stored at upload are checked against the shoot's roles (referenceFacesProblem).
    context: { faceDescriptors: true },
  })
  if (!ids) {
    if (!docs[0]) throw notFound('That photo is not among your uploads. Upload a photo first.')
    return [docs[0] as PhotoUpload]
  }
  return ids.map((id, index) => {
    const upload = docs.find((doc) => doc.id === id)
    if (!upload) {
      throw notFound(
        ids.length > 1
          ? `Photo ${index + 1} (id ${id}) is not among your uploads.`
          : 'That photo is not among your uploads. Upload a photo first.',
      )
    }
    return upload as PhotoUpload
  })
}

/**
 * Validates a customer's request against the catalog, then in ONE transaction creates the
 * generation, holds the shoot cost and queues its job: there is never a paid-for generation
 * without a job (or the reverse). A refused request writes nothing and holds nothing.
 * `jobId` lets the endpoint start the job right after commit instead of waiting for the poller.
 */
export const requestGeneration = async (
  req: PayloadRequest,
  input: GenerationRequest,
): Promise<GenerationAccepted> => {
  const user = req.user
  if (!user) throw unauthorized('Sign in to generate portraits.')
  if (!hasRole(user, 'customer'))
    throw forbidden('Generating portraits is for customer accounts; staff use the prompt lab.')
  // Slugs are unique per studio: the package is the one this site sells (issue 24).
  const studio = await studioOfRequest(req)

  return inTransaction(req, async (req) => {
    // The balance lock comes first: see lockBalance.
    await lockBalance(req, user.id)
    const { docs: packages } = await req.payload.find({
      collection: 'photo-packages',
      where: { and: [{ slug: { equals: input.packageSlug } }, { studio: { equals: studio.id } }] },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const pkg = packages[0] as PhotoPackage | undefined
    if (!pkg || !pkg.isActive) throw notFound(`No active package called "${input.packageSlug}".`)

    const theme = (await req.payload
      .findByID({ collection: 'package-themes', id: input.themeId, depth: 0, req, overrideAccess: true })
      .catch(() => null)) as PackageTheme | null
    // Another studio's theme is answered as an unknown one: its name is not this site's to show.
    if (!theme || !theme.isActive || relationId(theme.studio as never) !== studio.id)
      throw notFound(`No active theme with id ${input.themeId}.`)
    if (relationId(theme.package) !== pkg.id)
      throw badRequest(`The theme "${theme.name}" is not part of ${pkg.name}.`, { field: 'themeId' })
    if (!isInSeason(theme)) {
      const opens = nextSeasonStart(theme)?.toISOString().slice(0, 10)
      throw badRequest(`The theme "${theme.name}" is out of season${opens ? ` until ${opens}` : ''}.`, {
        field: 'themeId',
      })
    }

    const uploads = await findOwnUploads(req, input, Number(user.id))
    const catalogue = await loadCatalogue(req.payload, req)
    const options = shootOptionsOf(pkg, undefined, catalogue)
    const offered = options.qualities.find((option) => option.quality === input.generationSettings.quality)
    if (!offered)
      throw badRequest(`${pkg.name} does not offer high quality.`, { field: 'generationSettings.quality' })
    // Before any credit is held: a model Google no longer serves (and no served fallback) refuses the shoot.
    const choice = chooseModel(catalogue, offered, options.fallbackModel, options.maxReferencePhotos)
    if (!choice) throw serviceUnavailable(modelUnavailableMessage(pkg.name))
    const quality = { ...offered, ...choice }
    if (uploads.length > quality.maxReferencePhotos) {
      throw badRequest(
        `${pkg.name} takes at most ${quality.maxReferencePhotos} ${quality.maxReferencePhotos === 1 ? 'photo' : 'photos'} ` +
          `per ${quality.quality} shoot (${uploads.length} given).`,
        { field: 'uploadIds' },
      )
    }
    const roles = input.referenceRoles ?? defaultReferenceRoles(input.portraitType, uploads.length)
    const peopleCount =
      input.portraitType === 'single'
        ? 1
        : input.portraitType === 'couple'
          ? 2
          : (input.familyMemberCount ?? 2)
    const rolesProblem = referenceRolesProblem(input.portraitType, roles, peopleCount)
    if (rolesProblem) throw badRequest(rolesProblem, { field: 'referenceRoles' })
    const facesProblem = referenceFacesProblem({
      portraitType: input.portraitType,
      roles,
      photos: uploads as ReferencePhoto[],
      familyMemberCount: peopleCount,
      threshold: pkg.likeness?.threshold ?? DEFAULT_LIKENESS_THRESHOLD,
    })
    if (facesProblem) {
      const field = input.uploadIds
        ? 'uploadIds'
        : input.uploadId !== undefined
          ? 'uploadId'
          : 'uploadedImageUrl'
      throw badRequest(facesProblem, { field })
    }
    const shootCost = shootCostFor(options, Boolean(theme.isPremium), quality)
    // A package spends its own shoots first, then "any package" shoots: refuse early if both are short.
    const usable =
      (await walletBalanceOf(req, Number(user.id), pkg.id)) +
      (await walletBalanceOf(req, Number(user.id), null))
    if (usable < shootCost) {
      throw notEnoughForPackage(pkg.name, usable, shootCost)
    }
    const prompt = buildPrompt({
      pkg: {
        name: pkg.name,
        basePromptTemplate: pkg.basePromptTemplate,
        generationInstructions: pkg.generationInstructions,
        imagesPerGeneration: pkg.imagesPerGeneration,
      },
      theme: {
        name: theme.name,
        description: theme.description,
        settingPrompt: theme.settingPrompt,
        clothingPrompt: theme.clothingPrompt,
        atmospherePrompt: theme.atmospherePrompt,
        technicalPrompt: theme.technicalPrompt,
        styleModifiers: theme.styleModifiers,
      },
      request: {
        portraitType: input.portraitType,
        customPrompt: input.customPrompt,
        familyMemberCount: input.familyMemberCount,
      },
      references: roles,
    })
    const provider = activeProviderInfo()
    const imageCount = pkg.imagesPerGeneration
    // The front's X-Request-Id (or a new one): kept on the generation, so its worker logs it too.
    const requestId = requestIdOf(req.headers)

    const generation = (await req.payload.create({
      collection: 'generations',
      data: {
        owner: Number(user.id),
        studio: studio.id,
        package: pkg.id,
        theme: theme.id,
        upload: uploads[0].id,
        references: uploads.map((upload, index) => ({ upload: upload.id, role: roles[index] })),
        portraitType: input.portraitType,
        customPrompt: input.customPrompt ?? undefined,
        familyMemberCount: input.portraitType === 'family' ? input.familyMemberCount : undefined,
        generationSettings: {
          ...input.generationSettings,
          model: quality.model,
          imageSize: quality.imageSize,
          fallbackFrom: quality.fallbackFrom,
        },
        status: 'queued',
        imageCount,
        progress: 0,
        shootCost,
        provider: provider.name,
        isPreview: provider.isPreview,
        prompt,
        images: Array.from({ length: imageCount }, () => ({ state: 'pending' as const, attempts: 0 })),
        queuedAt: new Date().toISOString(),
        requestId,
      },
      req,
      overrideAccess: true,
      depth: 0,
    })) as Generation

    // Short shoots are an InsufficientCreditsError: 402 with balance and required.
    await holdGenerationShoots(req, generation, pkg, theme.name)
    const wallets = {
      package: await walletBalanceOf(req, Number(user.id), pkg.id),
      any: await walletBalanceOf(req, Number(user.id), null),
    }
    const jobId = await queueGeneratePortraits(req.payload, generation.id, req)
    req.payload.logger.info({ requestId, generation: generation.id, imageCount, msg: 'generation queued' })

    return {
      generationId: generation.id,
      jobId,
      packageInfo: { id: pkg.id, name: pkg.name, slug: pkg.slug as string },
      themeInfo: { id: theme.id, name: theme.name, isPremium: Boolean(theme.isPremium) },
      imageCount,
      shootCost,
      balance: wallets.package + wallets.any,
      wallets,
      estimatedProcessingTime: estimateSeconds(imageCount, provider.isPreview, quality.imageSize),
      quality: {
        quality: quality.quality,
        model: quality.model,
        imageSize: quality.imageSize,
        fallbackFrom: quality.fallbackFrom,
      },
      referenceCount: uploads.length,
      isPreview: provider.isPreview,
    }
  })
}
