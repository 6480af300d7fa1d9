'use client'

import { Button, toast, useConfig, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import { useCallback, useEffect, useMemo, useState } from 'react'

import { bodyOrThrow, getJson, postJson } from '@/components/api'
import type { TestRenderView } from '@/promptLab/testRenderShapes'
import {
  buildPromptsForAllPortraitTypes,
  PORTRAIT_TYPES,
  type PortraitType,
  type PromptPackage,
  type PromptTheme,
  SAMPLE_FAMILY_MEMBER_COUNT,
} from '@/prompt'

import '../admin-tools.css'
import '../admin-widgets.css'

const SAMPLE_WISHES = 'a soft, natural smile'

type Draft = Required<Pick<PromptTheme, 'name' | 'settingPrompt'>> &
  Omit<PromptTheme, 'name' | 'settingPrompt'>

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** A test render's likeness against the sample photo: score and faces, or why it was not checked. */
function LikenessLine({ likeness }: { likeness: TestRenderView['likeness'] }) {
  if (!likeness) return null
  const faces = `${likeness.facesFound ?? '?'} of ${likeness.facesExpected ?? '?'} faces`
  return (
    <span
      className={`pp-lab__likeness ${likeness.passed ? 'pp-lab__likeness--ok' : 'pp-lab__likeness--lost'}`}
      data-testid="test-render-likeness"
    >
      {likeness.score === null
        ? likeness.note
        : `Likeness ${Math.round(likeness.score * 100)}% (${likeness.passed ? 'kept' : 'lost'}: needs ${Math.round((likeness.threshold ?? 0) * 100)}%) · ${faces}`}
    </span>
  )
}

/**
 * The prompt lab on a theme's edit view (editors and admins): the prompt the builder makes
 * from this draft for each portrait type with sample inputs, a "test render" on a sample photo
 * with the configured image provider, and the theme's gallery of test renders.
 */
export function PromptLab() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const api = `${config.serverURL ?? ''}${config.routes.api}`
  const preview = useField<number | null>({ path: 'previewImage' })
  const draft = useFormFields(([fields]) => ({
    packageId: fields.package?.value as number | undefined,
    name: text(fields.name?.value) ?? '',
    description: text(fields.description?.value),
    settingPrompt: text(fields.settingPrompt?.value) ?? '',
    clothingPrompt: text(fields.clothingPrompt?.value),
    atmospherePrompt: text(fields.atmospherePrompt?.value),
    technicalPrompt: text(fields.technicalPrompt?.value),
    styleModifiers: Array.isArray(fields.styleModifiers?.value)
      ? (fields.styleModifiers?.value as string[])
      : null,
  }))
  const { packageId, ...themeDraft } = draft
  const [pkg, setPkg] = useState<PromptPackage | null>(null)
  const [wishes, setWishes] = useState(SAMPLE_WISHES)
  const [familySize, setFamilySize] = useState(SAMPLE_FAMILY_MEMBER_COUNT)
  const [portraitType, setPortraitType] = useState<PortraitType>('single')
  const [file, setFile] = useState<File | null>(null)
  const [useDraft, setUseDraft] = useState(true)
  const [running, setRunning] = useState(false)
  const [gallery, setGallery] = useState<TestRenderView[]>([])
  const [quota, setQuota] = useState<string | null>(null)

  useEffect(() => {
    if (!packageId) return
    let cancelled = false
    getJson<PromptPackage & { name: string }>(`${api}/photo-packages/${packageId}?depth=0`)
      .then((answer) => {
        const doc = answer.ok ? answer.body : null
        if (!cancelled && doc)
          setPkg({
            name: doc.name,
            basePromptTemplate: doc.basePromptTemplate,
            generationInstructions: doc.generationInstructions,
            imagesPerGeneration: doc.imagesPerGeneration,
          })
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [api, packageId])

  const fetchGallery = useCallback(async (): Promise<TestRenderView[] | null> => {
    if (!id) return null
    const answer = await getJson<{ testRenders: TestRenderView[] }>(`${api}/admin/themes/${id}/test-renders`)
    return answer.ok ? answer.body.testRenders : null
  }, [api, id])
  const loadGallery = useCallback(async () => {
    const renders = await fetchGallery()
    if (renders) setGallery(renders)
  }, [fetchGallery])

  useEffect(() => {
    let cancelled = false
    fetchGallery()
      .then((renders) => {
        if (!cancelled && renders) setGallery(renders)
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [fetchGallery])

  // The form hands a new draft object on every render: the prompts follow its content.
  const draftKey = JSON.stringify(themeDraft)
  const built = useMemo(() => {
    if (!pkg) return { prompts: null, problem: null }
    try {
      const saved = JSON.parse(draftKey) as Draft
      const theme: Draft = { ...saved, name: saved.name || 'Untitled theme' }
      return {
        prompts: buildPromptsForAllPortraitTypes(pkg, theme, {
          customPrompt: wishes,
          familyMemberCount: familySize,
        }),
        problem: null,
      }
    } catch (error) {
      return { prompts: null, problem: error instanceof Error ? error.message : String(error) }
    }
  }, [pkg, draftKey, wishes, familySize])

  const render = async () => {
    if (!id || !file) return
    setRunning(true)
    try {
      const form = new FormData()
      form.append('file', file)
      form.append(
        '_payload',
        JSON.stringify({
          portraitType,
          customPrompt: wishes || null,
          familyMemberCount: portraitType === 'family' ? familySize : null,
          draft: useDraft ? themeDraft : undefined,
        }),
      )
      const body = bodyOrThrow(
        await postJson<{ testRender: TestRenderView; usedToday: number; dailyLimit: number }>(
          `${api}/admin/themes/${id}/test-render`,
          form,
        ),
      )
      setQuota(`${body.usedToday} of ${body.dailyLimit} test renders used today (UTC).`)
      if (body.testRender.status === 'succeeded') toast.success('Test render ready.')
      else toast.error(body.testRender.message ?? 'The render did not produce an image.')
      await loadGallery()
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error))
    } finally {
      setRunning(false)
    }
  }

  const setAsPreviewImage = async (render: TestRenderView) => {
    const answer = await postJson<{ mediaId: number }>(
      `${api}/admin/test-renders/${render.id}/use-as-preview`,
    )
    if (!answer.ok) return toast.error(answer.error ?? `The server answered ${answer.status}.`)
    preview.setValue(answer.body.mediaId, true)
    toast.success('Saved as this theme’s preview image.')
  }

  return (
    <section className="pp-lab" data-testid="prompt-lab">
      <h3 className="pp-lab__title">Prompt lab</h3>
      <p className="pp-muted">
        The prompt each portrait type gets from this draft (unsaved edits included), with sample customer
        wishes.
      </p>
      <div className="pp-lab__samples">
        <label>
          Sample wishes
          <input
            type="text"
            value={wishes}
            maxLength={500}
            onChange={(event) => setWishes(event.target.value)}
          />
        </label>
        <label>
          Family size
          <input
            type="number"
            min={2}
            max={12}
            value={familySize}
            onChange={(event) => setFamilySize(Math.min(12, Math.max(2, Number(event.target.value) || 2)))}
          />
        </label>
      </div>
      {!pkg && <p className="pp-muted">Pick the package to see the prompts.</p>}
      {built.problem && (
        <p className="pp-error" role="alert">
          {built.problem}
        </p>
      )}
      {built.prompts &&
        PORTRAIT_TYPES.map((type) => (
          <div key={type} className="pp-lab__prompt">
            <strong>{type[0].toUpperCase() + type.slice(1)}</strong>
            <pre data-testid={`lab-prompt-${type}`}>{built.prompts?.[type]}</pre>
          </div>
        ))}

      <h4>Test render</h4>
      {!id ? (
        <p className="pp-muted">Save the theme first to run test renders.</p>
      ) : (
        <div className="pp-lab__render">
          <p className="pp-muted">
            Runs the configured image model on a sample photo. Spends no customer shoots; each editor has a
            daily limit.
          </p>
          <label>
            Sample photo
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp,image/avif"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </label>
          <label>
            Portrait type
            <select
              value={portraitType}
              onChange={(event) => setPortraitType(event.target.value as PortraitType)}
            >
              {PORTRAIT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
          <label className="pp-lab__check">
            <input
              type="checkbox"
              checked={useDraft}
              onChange={(event) => setUseDraft(event.target.checked)}
            />{' '}
            Use my unsaved edits
          </label>
          <Button buttonStyle="primary" size="small" disabled={!file || running} onClick={render}>
            {running ? 'Rendering…' : 'Test render'}
          </Button>
          {quota && <p className="pp-muted">{quota}</p>}
        </div>
      )}
      {gallery.length > 0 && (
        <div className="pp-lab__gallery" data-testid="test-render-gallery">
          {gallery.map((item) => (
            <figure key={item.id} className="pp-lab__item">
              {item.thumbnailUrl ? (
                <img src={item.thumbnailUrl} alt={`Test render ${item.id}`} />
              ) : (
                <div className="pp-lab__placeholder">{item.status}</div>
              )}
              <figcaption>
                {item.portraitType} · {item.status}
                {item.isPreview ? ' · preview render' : ''}
                {item.message && <span className="pp-muted"> {item.message}</span>}
                <LikenessLine likeness={item.likeness} />
              </figcaption>
              {item.status === 'succeeded' && (
                <Button
                  buttonStyle="secondary"
                  size="small"
                  margin={false}
                  onClick={() => setAsPreviewImage(item)}
                >
                  Use as preview image
                </Button>
              )}
            </figure>
          ))}
        </div>
      )}
    </section>
  )
}
