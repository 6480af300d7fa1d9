import type { PayloadRequest } from 'payload'

import { hasRole } from '@/access'
import { InsufficientCreditsError, lockBalance, spendShootsForPackage } from '@/billing/ledger'
import { walletBalanceOf } from '@/billing/wallets'
import { premiumShootCostOf } from '@/catalog/publicCatalog'
import { isInSeason, nextSeasonStart } from '@/catalog/season'
import { badRequest, forbidden, notFound, paymentRequired, unauthorized } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'
import type { Generation, PackageTheme, PhotoPackage } from '@/payload-types'
import { buildPrompt } from '@/prompt'

import { generationConcurrency } from './concurrency'
import type { GenerationRequest } from './requestSchema'
import { activeProviderInfo } from './activeProvider'

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
}

/** The upload must be the caller's own; a URL is only ever matched against their uploads. */
const findOwnUpload = async (req: PayloadRequest, input: GenerationRequest, userId: number) => {
  const byUrl = input.uploadedImageUrl ? decodeURIComponent(input.uploadedImageUrl.split('?')[0].split('/').pop() ?? '') : undefined
  const { docs } = await req.payload.find({
    collection: 'photo-uploads',
    where: {
      and: [
        { owner: { equals: userId } },
        input.uploadId !== undefined ? { id: { equals: input.uploadId } } : { filename: { equals: byUrl } },
      ],
    },
    limit: 1,
    depth: 0,
    req,
    overrideAccess: true,
  })
  if (!docs[0]) throw notFound('That photo is not among your uploads. Upload a photo first.')
  return docs[0]
}

const shortMessage = (packageName: string, usable: number, required: number): string =>
  `Not enough shoots: this needs ${required} and you have ${usable} for ${packageName} ` +
  `(its own shoots and shoots for any package).`

const estimateSeconds = (imageCount: number, isPreview: boolean): number => {
  const perImage = isPreview ? 2 : 10
  return Math.ceil(imageCount / generationConcurrency()) * perImage
}

/**
 * Validates a customer's request against the catalog, then in ONE transaction creates the
 * generation (whose hook queues its job) and holds the shoot cost. A refused request
 * writes nothing and holds nothing.
 */
export const requestGeneration = async (req: PayloadRequest, input: GenerationRequest): Promise<GenerationAccepted> => {
  const user = req.user
  if (!user) throw unauthorized('Sign in to generate portraits.')
  if (!hasRole(user, 'customer')) throw forbidden('Generating portraits is for customer accounts; staff use the prompt lab.')

  return inTransaction(req, async (req) => {
    // The balance lock comes first: see lockBalance.
    await lockBalance(req, user.id)
    const { docs: packages } = await req.payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: input.packageSlug } },
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
    if (!theme || !theme.isActive) throw notFound(`No active theme with id ${input.themeId}.`)
    if (relationId(theme.package) !== pkg.id) throw badRequest(`The theme "${theme.name}" is not part of ${pkg.name}.`, { field: 'themeId' })
    if (!isInSeason(theme)) {
      const opens = nextSeasonStart(theme)?.toISOString().slice(0, 10)
      throw badRequest(`The theme "${theme.name}" is out of season${opens ? ` until ${opens}` : ''}.`, { field: 'themeId' })
    }

    const upload = await findOwnUpload(req, input, Number(user.id))
    const shootCost = theme.isPremium ? premiumShootCostOf(pkg) : 1
    // A package spends its own shoots first, then "any package" shoots.
    const usable = (await walletBalanceOf(req, Number(user.id), pkg.id)) + (await walletBalanceOf(req, Number(user.id), null))
    if (usable < shootCost) {
      throw paymentRequired(shortMessage(pkg.name, usable, shootCost), { balance: usable, required: shootCost })
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
    })
    const provider = activeProviderInfo()
    const imageCount = pkg.imagesPerGeneration

    const generation = (await req.payload.create({
      collection: 'generations',
      data: {
        owner: Number(user.id),
        package: pkg.id,
        theme: theme.id,
        upload: upload.id,
        portraitType: input.portraitType,
        customPrompt: input.customPrompt ?? undefined,
        familyMemberCount: input.portraitType === 'family' ? input.familyMemberCount : undefined,
        generationSettings: input.generationSettings,
        status: 'queued',
        imageCount,
        progress: 0,
        shootCost,
        provider: provider.name,
        isPreview: provider.isPreview,
        prompt,
        images: Array.from({ length: imageCount }, () => ({ state: 'pending' as const, attempts: 0 })),
        queuedAt: new Date().toISOString(),
      },
      req,
      overrideAccess: true,
      depth: 0,
    })) as Generation

    try {
      await spendShootsForPackage(req, {
        userId: user.id,
        packageId: pkg.id,
        shoots: shootCost,
        kind: 'hold',
        reason: `Held for generation ${generation.id} (${pkg.name} · ${theme.name})`,
        idempotencyKey: `hold:generation:${generation.id}`,
        reference: `generation:${generation.id}`,
      })
    } catch (error) {
      if (error instanceof InsufficientCreditsError) {
        throw paymentRequired(shortMessage(pkg.name, error.balance, shootCost), { balance: error.balance, required: shootCost })
      }
      throw error
    }
    const wallets = {
      package: await walletBalanceOf(req, Number(user.id), pkg.id),
      any: await walletBalanceOf(req, Number(user.id), null),
    }

    return {
      generationId: generation.id,
      jobId: (req.context.generationJobId as number | string | undefined) ?? null,
      packageInfo: { id: pkg.id, name: pkg.name, slug: pkg.slug as string },
      themeInfo: { id: theme.id, name: theme.name, isPremium: Boolean(theme.isPremium) },
      imageCount,
      shootCost,
      balance: wallets.package + wallets.any,
      wallets,
      estimatedProcessingTime: estimateSeconds(imageCount, provider.isPreview),
      isPreview: provider.isPreview,
    }
  })
}
