import type { CollectionConfig } from 'payload'

import {
  anyone,
  isAdmin,
  isAdminField,
  isAdminOrSelf,
  isStaffUser,
  nobodyField,
  ROLES,
  staffOnlyField,
} from '@/access'

import { validateEmailAddress } from '@/account/emailAddress'
import {
  forgotPasswordEndpoint,
  resendVerificationEndpoint,
  signInEndpoint,
  updateUserEndpoint,
  verifyEmailEndpoint,
} from '@/endpoints/users'
import { settings } from '@/lib/settings'

import { forgotPasswordEmailHTML, forgotPasswordEmailSubject } from './forgotPassword'
import { customerStudio } from './hooks/customerStudio'
import { endOtherSessions } from './hooks/endOtherSessions'
import { eraseCustomerData } from './hooks/eraseCustomerData'
import { firstUserIsAdmin } from './hooks/firstUserIsAdmin'
import { pickerLabelQueries, readPickerLabel } from './hooks/pickerLabel'
import { readWallets, readWalletSummary } from './hooks/readWallets'
import { rejectWeakPassword } from './hooks/rejectWeakPassword'
import { requireCurrentPassword } from './hooks/requireCurrentPassword'
import { forgetStudioSelectionAtLogin, forgetStudioSelectionAtLogout } from './hooks/forgetStudioSelection'
import { forgetLoginTries, throttleLogin } from './hooks/throttleLogin'
import { hideSessions } from './hooks/hideSessions'
import { queueOwnVerificationEmail } from './hooks/queueOwnVerificationEmail'
import { staffInAStudio } from './hooks/staffInAStudio'
import { startNewAccount } from './hooks/startNewAccount'
import { scopeRegistrationLookup, uniqueEmailPerStudio } from './hooks/uniqueEmailPerStudio'
import { unverifiedAsWrongPassword } from './hooks/unverifiedAsWrongPassword'
import { verifyOnPasswordReset } from './hooks/verifyOnPasswordReset'

export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    // The e-mail, with a customer's balances for admins (pickers included): see pickerLabel.
    useAsTitle: 'pickerLabel',
    listSearchableFields: ['email', 'name'],
    defaultColumns: ['email', 'name', 'role', 'shootBalances', 'flagged'],
    group: 'People',
  },
  auth: {
    // The signed-in user of every request is read at this depth: its relations (studio, tenants)
    // stay ids, which our access code expects either way (src/access/studioScope.ts). Payload's
    // default (the config's depth, 2) read the customer's studio on every request.
    depth: 0,
    tokenExpiration: 60 * 60 * 24 * 7,
    // Payload's lock (N wrong passwords lock the account for everyone) is off: wrong passwords
    // are counted per account and client instead (hooks/throttleLogin.ts, LOGIN_MAX_FAILURES).
    maxLoginAttempts: 0,
    // A self sign-up signs in only once the link mailed to its address is opened (src/account/
    // verification.ts): our own queued e-mail and /verify page, not Payload's (see the hooks).
    // Until then a sign-in answers exactly as a wrong password does (hooks/throttleLogin.ts).
    verify: true,
    forgotPassword: {
      expiration: 60 * 60 * 1000,
      generateEmailHTML: forgotPasswordEmailHTML,
      generateEmailSubject: forgotPasswordEmailSubject,
    },
    cookies: { sameSite: 'Lax', secure: settings().isProduction && !settings().allowInsecureCookies },
  },
  // A customer's address is unique in their studio; staff (no studio) get a partial unique index of
  // their own in the `email_per_studio` migration, as NULL studios are distinct here.
  indexes: [{ fields: ['email', 'studio'], unique: true }],
  access: {
    // Only staff get into the admin panel; customers use the public site.
    admin: ({ req: { user } }) => isStaffUser(user),
    create: anyone,
    read: isAdminOrSelf,
    update: isAdminOrSelf,
    delete: isAdmin,
    // Payload's default lets any signed-in user lift any account's failed-login lockout (off here).
    unlock: isAdmin,
  },
  // Payload's PATCH /api/users/<id>, whose message says when a link to a new address was sent;
  // Payload's POST /api/users/verify/<token>, with our expiry and the welcome; sending the link again.
  // POST /api/users/login and /forgot-password, in place of Payload's: they find the account at the
  // Host's studio (src/account/accountScope.ts), where Payload's look an address up alone.
  endpoints: [
    updateUserEndpoint,
    verifyEmailEndpoint,
    resendVerificationEndpoint,
    signInEndpoint,
    forgotPasswordEndpoint,
  ],
  hooks: {
    beforeOperation: [
      queueOwnVerificationEmail,
      rejectWeakPassword,
      requireCurrentPassword,
      throttleLogin,
      pickerLabelQueries,
      scopeRegistrationLookup,
    ],
    beforeChange: [firstUserIsAdmin, staffInAStudio, customerStudio, uniqueEmailPerStudio],
    afterChange: [startNewAccount, endOtherSessions],
    afterRead: [hideSessions],
    beforeLogin: [verifyOnPasswordReset],
    afterLogin: [forgetLoginTries, forgetStudioSelectionAtLogin],
    afterLogout: [forgetStudioSelectionAtLogout],
    beforeDelete: [eraseCustomerData],
    afterError: [unverifiedAsWrongPassword],
  },
  fields: [
    // Payload's auth e-mail field (merged by name), with RFC 5321's length limits on top of its format
    // check. Unique per studio, not globally (issue 24): see `indexes` and src/account/accountScope.ts.
    { name: 'email', type: 'email', required: true, unique: false, validate: validateEmailAddress },
    { name: 'name', type: 'text', maxLength: 100 },
    {
      // Checked and dropped by hooks/requireCurrentPassword.ts; never stored or read back.
      name: 'currentPassword',
      label: 'Your current password',
      type: 'text',
      virtual: true,
      maxLength: 200,
      admin: {
        position: 'sidebar',
        // Not on "create" forms (the first admin's, a new user's): only changes ask for it.
        condition: (data) => Boolean(data?.id),
        description:
          'Needed to change an e-mail address or a password: your own password, also when you change another account.',
        components: { Field: '@/admin/components/CurrentPasswordField#CurrentPasswordField' },
      },
    },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'customer',
      saveToJWT: true,
      index: true,
      options: ROLES.map((value) => ({ value, label: value[0].toUpperCase() + value.slice(1) })),
      // Sign-up and self-service updates can never choose a role: the value is dropped.
      access: { create: isAdminField, update: isAdminField },
    },
    {
      // A customer's studio: the one whose site they signed up on (hooks/customerStudio.ts). Their
      // e-mails come from it (name, sender, links to its own site).
      name: 'studio',
      type: 'relationship',
      relationTo: 'studios',
      index: true,
      access: { create: nobodyField, update: nobodyField },
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: 'The studio whose site this customer signed up on.',
        condition: (data) => data?.role === 'customer',
      },
    },
    {
      name: 'shootCredits',
      type: 'number',
      defaultValue: 0,
      min: 0,
      // Only the ledger changes the balance (with overrideAccess, in a transaction).
      access: { create: () => false, update: () => false },
      admin: {
        readOnly: true,
        position: 'sidebar',
        description:
          'All wallets together. Changes only through the credit ledger (Credit adjustments for admins).',
      },
    },
    {
      // The API's balances: [{ packageId, packageName, packageSlug, shoots }], packageId null = any package.
      name: 'wallets',
      type: 'json',
      virtual: true,
      admin: { hidden: true },
      hooks: { afterRead: [readWallets] },
    },
    {
      name: 'pickerLabel',
      label: 'Customer',
      type: 'text',
      virtual: true,
      access: { read: staffOnlyField },
      admin: { hidden: true, disableListColumn: true, disableListFilter: true },
      hooks: { afterRead: [readPickerLabel] },
    },
    {
      name: 'shootBalances',
      label: 'Shoots by wallet',
      type: 'text',
      virtual: true,
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: 'Package shoots work on that package only.',
      },
      hooks: { afterRead: [readWalletSummary] },
    },
    {
      // Payload's auth.verify flag (merged by name): only admins set it (ticking it starts a
      // waiting customer's account: hooks/startNewAccount.ts); false = the address is unconfirmed.
      name: '_verified',
      type: 'checkbox',
      access: { create: isAdminField, update: isAdminField },
    },
    // The SHA-256 of the link's token (Payload's field, merged by name), and when the link stops working.
    { name: '_verificationToken', type: 'text', hidden: true, index: true },
    { name: 'verificationExpiresAt', type: 'date', hidden: true },
    // A new address waiting for its owner to open the link sent to it (src/account/emailChange.ts).
    { name: 'pendingEmail', type: 'email', hidden: true },
    { name: 'pendingEmailTokenHash', type: 'text', hidden: true, index: true },
    { name: 'pendingEmailExpiresAt', type: 'date', hidden: true },
    {
      // Payload's session list (auth.useSessions; merged by name with its base field, whose read
      // access shows it to the account's owner): no client reads or sets it, the owner included
      // (hooks/hideSessions drops the key). Payload reads and writes it itself with overrideAccess
      // (the JWT strategy's findByID) or through payload.db (login, refresh, logout, reset).
      name: 'sessions',
      type: 'array',
      access: { read: nobodyField, create: nobodyField, update: nobodyField },
      admin: { disabled: true },
      fields: [],
    },
    {
      type: 'collapsible',
      label: 'Account review',
      admin: { position: 'sidebar', condition: (data) => Boolean(data?.flagged) },
      fields: [
        {
          name: 'flagged',
          type: 'checkbox',
          defaultValue: false,
          // Staff's review of the account (a reversed payment, a dispute): not the customer's to read.
          access: { read: staffOnlyField, create: isAdminField, update: isAdminField },
        },
        {
          name: 'flagReason',
          type: 'text',
          maxLength: 500,
          access: { read: staffOnlyField, create: isAdminField, update: isAdminField },
        },
      ],
    },
  ],
}
