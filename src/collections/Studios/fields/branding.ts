import type { Field, GroupField } from 'payload'

import { nobodyField } from '@/access'

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

/** A colour as #rrggbb, or empty. */
export const hexColour = (label: string) => (value: null | string | undefined) =>
  !value || HEX_COLOUR.test(value) ? true : `${label} must be a colour as #rrggbb (e.g. #1f2937).`

/** Web-safe font stacks a studio picks from: no font files to host or license. */
export const FONT_STACKS = [
  { label: 'System sans-serif', value: 'system-sans' },
  { label: 'Georgia (serif)', value: 'georgia' },
  { label: 'Helvetica / Arial', value: 'helvetica' },
  { label: 'Palatino (serif)', value: 'palatino' },
  { label: 'Trebuchet MS', value: 'trebuchet' },
  { label: 'Monospace', value: 'monospace' },
] as const

/** ISO 4217 codes, lower-case as Stripe writes them; `usd` is what the app charges today. */
export const CURRENCIES = [
  'usd',
  'eur',
  'gbp',
  'cad',
  'aud',
  'nzd',
  'chf',
  'sek',
  'nok',
  'dkk',
  'jpy',
] as const

/** The studio's look and voice: the public site and its e-mails (rendered in a later piece of issue 24). */
export const brandingGroup: GroupField = {
  name: 'branding',
  type: 'group',
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'logo', type: 'upload', relationTo: 'media' },
        { name: 'favicon', type: 'upload', relationTo: 'media' },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'primaryColor', type: 'text', maxLength: 7, validate: hexColour('Primary colour') },
        { name: 'accentColor', type: 'text', maxLength: 7, validate: hexColour('Accent colour') },
        {
          name: 'font',
          type: 'select',
          defaultValue: 'system-sans',
          options: FONT_STACKS.map(({ label, value }) => ({ label, value })),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'emailFromName',
          type: 'text',
          maxLength: 100,
          // A display name goes into the From header as is: no line breaks or other control characters.
          validate: (value: null | string | undefined) =>
            !value || !/[\u0000-\u001f\u007f"]/.test(value)
              ? true
              : 'E-mail sender name may not contain line breaks, control characters or double quotes.',
        },
        { name: 'emailFrom', type: 'email' },
      ],
    },
    { name: 'termsText', type: 'textarea', maxLength: 50000 },
    { name: 'privacyText', type: 'textarea', maxLength: 50000 },
    {
      name: 'currency',
      type: 'select',
      required: true,
      defaultValue: 'usd',
      options: CURRENCIES.map((code) => ({ label: code.toUpperCase(), value: code })),
    },
  ],
}

const serverWritten = { create: nobodyField, update: nobodyField }

/** The studio's Stripe connected account: written by the server (Connect onboarding, a later piece), read-only here. */
export const stripeGroup: Field = {
  name: 'stripe',
  type: 'group',
  admin: { readOnly: true, description: 'Set by Stripe Connect onboarding.' },
  fields: [
    { name: 'accountId', type: 'text', access: serverWritten },
    { name: 'chargesEnabled', type: 'checkbox', defaultValue: false, access: serverWritten },
    {
      name: 'cardPaymentsCapability',
      type: 'select',
      access: serverWritten,
      options: ['inactive', 'pending', 'active'],
    },
  ],
}
