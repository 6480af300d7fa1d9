'use client'

import type { PublicPackage } from '@/catalog/publicCatalog'
import { ASPECT_RATIOS, PORTRAIT_TYPES } from '@/generation/vocabulary'
import type { PortraitType } from '@/prompt'

export const MAX_PROMPT = 500

type QualityOption = PublicPackage['qualities'][number]

/** Step 2 of the generation form: single, couple or family (with how many people), and what the photos must show. */
export function PortraitTypeChoice({
  portraitType,
  onPortraitType,
  familyMemberCount,
  onFamilyMemberCount,
}: {
  portraitType: PortraitType
  onPortraitType: (type: PortraitType) => void
  familyMemberCount: number
  onFamilyMemberCount: (count: number) => void
}) {
  return (
    <fieldset>
      <legend>2. Who is in the portrait?</legend>
      <div className="radio-row" role="radiogroup" aria-label="Portrait type">
        {PORTRAIT_TYPES.map((type) => (
          <label key={type} className="radio-pill">
            <input
              type="radio"
              name="portraitType"
              value={type}
              checked={portraitType === type}
              onChange={() => onPortraitType(type)}
            />
            {type[0].toUpperCase() + type.slice(1)}
          </label>
        ))}
      </div>
      {portraitType === 'family' && (
        <label className="field">
          People in the family portrait
          <input
            type="number"
            min={2}
            max={12}
            value={familyMemberCount}
            onChange={(e) => onFamilyMemberCount(Number(e.target.value))}
          />
        </label>
      )}
      <p className="notice" data-testid="portrait-type-note">
        {portraitType === 'single'
          ? 'Upload a photo of yourself; more angles of the same person help the likeness.'
          : portraitType === 'couple'
            ? 'Your photos must show both of you: one photo of each of you (person 1 and person 2), or one photo with you both.'
            : `Your photos must show all ${familyMemberCount} of you: one photo of each person, or a group photo with everyone.`}
      </p>
    </fieldset>
  )
}

/** Step 4 of the generation form: the customer's wishes (up to MAX_PROMPT characters), aspect ratio and quality. */
export function WishesAndSettings({
  customPrompt,
  onCustomPrompt,
  aspectRatio,
  onAspectRatio,
  quality,
  onQuality,
  qualities,
}: {
  customPrompt: string
  onCustomPrompt: (text: string) => void
  aspectRatio: string
  onAspectRatio: (ratio: string) => void
  quality: QualityOption['quality']
  onQuality: (quality: QualityOption['quality']) => void
  qualities: PublicPackage['qualities']
}) {
  return (
    <fieldset>
      <legend>4. Your wishes</legend>
      <label className="field">
        Anything to add? (optional)
        <textarea
          name="customPrompt"
          maxLength={MAX_PROMPT}
          rows={3}
          value={customPrompt}
          placeholder="For example: a soft smile, our dog in the picture"
          onChange={(e) => onCustomPrompt(e.target.value)}
        />
        <span className="muted small" aria-live="polite">
          {customPrompt.length}/{MAX_PROMPT}
        </span>
      </label>
      <div className="settings-row">
        <label className="field">
          Aspect ratio
          <select value={aspectRatio} onChange={(e) => onAspectRatio(e.target.value)}>
            {ASPECT_RATIOS.map((ratio) => (
              <option key={ratio}>{ratio}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Quality
          <select
            value={quality}
            onChange={(e) => onQuality(e.target.value as QualityOption['quality'])}
            data-testid="quality"
          >
            {qualities.map((q) => (
              <option key={q.quality} value={q.quality}>
                {q.quality === 'high'
                  ? `High (${q.imageSize}, ×${q.costFactor} shoots)`
                  : `Standard (${q.imageSize})`}
              </option>
            ))}
          </select>
        </label>
      </div>
    </fieldset>
  )
}
