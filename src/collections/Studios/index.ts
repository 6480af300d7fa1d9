import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminField, nobody, readStudios, updateStudios } from '@/access'
import { slugify, SLUG_PATTERN } from '@/catalog/slugify'
import { studioStripeEndpoints } from '@/endpoints/studioStripe'

import { brandingGroup, stripeGroup } from './fields/branding'
import { normaliseDomains, refuseTakenDomains } from './hooks/normaliseDomains'
import { revalidateStudio } from './hooks/revalidateStudio'

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/

/** The platform's own fields: only platform admins set them; owners see them read-only. */
const platformOnly = { create: isAdminField, update: isAdminField }

/**
 * A studio (the multi-tenant plugin's tenant, issue 24): its name, hostnames, branding, platform
 * fee and Stripe account. Platform admins create and change studios; an owner changes their own
 * studio's branding; editors read theirs. Nobody deletes one over the API: suspend it instead (a
 * studio is exported, never removed with its catalog by a cascade).
 */
export const Studios: CollectionConfig = {
  slug: 'studios',
  labels: { singular: 'Studio', plural: 'Studios' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'status', 'domains'],
    group: 'Platform',
  },
  access: { read: readStudios, create: isAdmin, update: updateStudios, delete: nobody },
  // Stripe Connect onboarding: POST /api/studios/:id/stripe/connect and /refresh.
  endpoints: studioStripeEndpoints,
  hooks: {
    beforeValidate: [normaliseDomains],
    beforeChange: [refuseTakenDomains],
    // A studio's hosts, slug and status decide which catalog each Host is served (resolveStudio):
    // a change of those clears every studio's; any other, this studio's own.
    afterChange: [revalidateStudio],
  },
  fields: [
    { name: 'name', type: 'text', required: true, minLength: 1, maxLength: 100, access: platformOnly },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 60,
      access: platformOnly,
      admin: { position: 'sidebar', description: 'Made from the name when left empty.' },
      hooks: {
        beforeValidate: [
          ({ value, siblingData }) =>
            typeof value === 'string' && value.trim() !== ''
              ? value.trim()
              : typeof siblingData?.name === 'string'
                ? slugify(siblingData.name)
                : value,
        ],
      },
      validate: (value: null | string | undefined) =>
        value && SLUG_PATTERN.test(value)
          ? true
          : 'Slug may only hold lower-case letters, digits and single hyphens.',
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'active',
      access: platformOnly,
      options: [
        { label: 'Active', value: 'active' },
        { label: 'Suspended', value: 'suspended' },
      ],
      admin: { position: 'sidebar' },
    },
    {
      name: 'domains',
      type: 'array',
      access: platformOnly,
      admin: { description: 'Hostnames this studio is served on (lower case, no port), one studio each.' },
      fields: [
        {
          name: 'hostname',
          type: 'text',
          required: true,
          unique: true,
          maxLength: 253,
          validate: (value: null | string | undefined) =>
            value && HOSTNAME.test(value)
              ? true
              : 'Give a hostname such as photos.example.com (no scheme, no path).',
        },
      ],
    },
    brandingGroup,
    {
      name: 'platformFeePercent',
      type: 'number',
      required: true,
      defaultValue: 0,
      min: 0,
      max: 100,
      access: platformOnly,
      admin: { position: 'sidebar', description: "The platform's share of each sale, in percent." },
      validate: (value: null | number | undefined) =>
        typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100
          ? true
          : 'Platform fee must be a percentage from 0 to 100.',
    },
    stripeGroup,
    {
      // The owner's "Connect with Stripe" button (onboarding, then readiness on return).
      name: 'stripeConnect',
      type: 'ui',
      admin: { components: { Field: '/admin/components/StripeConnectButton#StripeConnectButton' } },
    },
  ],
}
