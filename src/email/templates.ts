/**
 * The studio's e-mails as plain data: each template returns `{ subject, text, html }`.
 * Pure (no Payload, no Next), so tests and previews can render them directly. The studio's
 * name and public address come from the caller (STUDIO_NAME, SERVER_URL).
 */
export interface EmailContent {
  subject: string
  text: string
  html: string
}

export interface Studio {
  name: string
  /** Public origin for links, e.g. https://studio.example (no trailing slash). */
  url: string
}

const escape = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`

/** Wraps paragraphs (and an optional button link) in the studio's simple layout, text and HTML alike. */
const compose = (
  studio: Studio,
  subject: string,
  paragraphs: string[],
  link?: { label: string; href: string },
): EmailContent => {
  const textLines = [
    ...paragraphs,
    ...(link ? [`${link.label}: ${link.href}`] : []),
    '',
    `${studio.name}`,
    studio.url,
  ]
  const html = [
    `<div style="font-family:system-ui,sans-serif;max-width:36rem;margin:auto;color:#1f1b17">`,
    `<p style="font-weight:800;font-size:1.2rem">${escape(studio.name)}</p>`,
    ...paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`),
    link
      ? `<p><a href="${escape(link.href)}" style="background:#7a4a34;color:#fff;padding:.6rem 1.2rem;border-radius:999px;text-decoration:none">${escape(link.label)}</a></p>`
      : '',
    `<p style="color:#62574d;font-size:.85rem">${escape(studio.name)} · <a href="${escape(studio.url)}">${escape(studio.url)}</a></p>`,
    `</div>`,
  ].join('\n')
  // The studio signs every subject, once ("Welcome to <studio>" already names it).
  const signed = subject.includes(studio.name) ? subject : `${subject} · ${studio.name}`
  return { subject: signed, text: textLines.join('\n'), html }
}

export interface PortraitsOutcome {
  generationId: number
  packageName: string
  themeName: string
  delivered: number
  requested: number
  shootCost: number
}

/** "Your portraits are ready" (all), "some could not be made" (partial), or "none, refunded". */
export const portraitsReadyEmail = (studio: Studio, outcome: PortraitsOutcome): EmailContent => {
  const gallery = { label: 'See your portraits', href: `${studio.url}/generations/${outcome.generationId}` }
  const what = `${outcome.packageName} · ${outcome.themeName}`
  if (outcome.delivered === 0) {
    return compose(
      studio,
      'We could not make your portraits',
      [
        `We are sorry: none of the portraits for ${what} could be made.`,
        `The ${plural(outcome.shootCost, 'shoot')} set aside for them ${outcome.shootCost === 1 ? 'was' : 'were'} returned to your balance. You can try again with another photo or theme.`,
      ],
      { label: 'Try again', href: `${studio.url}/account` },
    )
  }
  if (outcome.delivered < outcome.requested) {
    return compose(
      studio,
      'Your portraits are ready (some could not be made)',
      [
        `${plural(outcome.delivered, 'portrait')} of ${outcome.requested} for ${what} ${outcome.delivered === 1 ? 'is' : 'are'} ready.`,
        `${plural(outcome.requested - outcome.delivered, 'portrait')} could not be made.`,
      ],
      gallery,
    )
  }
  return compose(
    studio,
    'Your portraits are ready',
    [
      `Your ${plural(outcome.delivered, 'portrait')} for ${what} ${outcome.delivered === 1 ? 'is' : 'are'} ready.`,
    ],
    gallery,
  )
}

export interface ReceiptDetails {
  purchaseId: number
  description: string
  amount: string
  shoots: number
  paidAt: string
}

export const purchaseReceiptEmail = (studio: Studio, receipt: ReceiptDetails): EmailContent =>
  compose(
    studio,
    'Your receipt',
    [
      `Thank you for your purchase.`,
      `What: ${receipt.description}`,
      `Price: ${receipt.amount}`,
      `Shoots added to your balance: ${receipt.shoots}`,
      `Date: ${receipt.paidAt} · Receipt number ${receipt.purchaseId}`,
    ],
    { label: 'Start a shoot', href: `${studio.url}/account` },
  )

export const refundNoticeEmail = (
  studio: Studio,
  refund: { purchaseId: number; amount: string; shootsTaken: number; full: boolean },
): EmailContent =>
  compose(studio, refund.full ? 'Your refund' : 'Your partial refund', [
    `We have refunded ${refund.amount} for purchase ${refund.purchaseId}. It reaches your card within a few working days.`,
    refund.shootsTaken > 0
      ? `${plural(refund.shootsTaken, 'shoot')} from that purchase ${refund.shootsTaken === 1 ? 'was' : 'were'} taken back from your balance.`
      : 'Your shoot balance is unchanged.',
  ])

export const welcomeEmail = (studio: Studio, trialShoots: number, name?: string | null): EmailContent =>
  compose(
    studio,
    `Welcome to ${studio.name}`,
    [
      `Hello${name ? ` ${name}` : ''}, and welcome.`,
      trialShoots > 0
        ? `Your account comes with ${plural(trialShoots, 'free trial shoot')}: choose a package, upload a photo, and see your first portraits in minutes.`
        : 'Choose a package, upload a photo, and see your first portraits in minutes.',
    ],
    { label: 'Choose a package', href: `${studio.url}/` },
  )

/** To the address of a new account: the link that confirms it, so the account can sign in (verifyAccount). */
export const verifyEmailEmail = (studio: Studio, token: string, trialShoots: number): EmailContent =>
  compose(
    studio,
    'Confirm your e-mail address to finish signing up',
    [
      `Someone (we hope you) created an account at ${studio.name} with this e-mail address.`,
      `Open the link within 48 hours to confirm the address, then sign in with the password you chose.${trialShoots > 0 ? ` Your ${plural(trialShoots, 'free trial shoot')} ${trialShoots === 1 ? 'is' : 'are'} added when you confirm.` : ''}`,
      'If it was not you, ignore this e-mail: the account cannot be used, and nothing else happens.',
    ],
    { label: 'Confirm my address', href: `${studio.url}/verify?token=${encodeURIComponent(token)}` },
  )

/** To the owner of an address someone tried to sign up with again (the sign-up answered as for a new one). */
export const signUpAttemptEmail = (studio: Studio): EmailContent =>
  compose(
    studio,
    'Someone tried to create an account with your address',
    [
      `Someone (perhaps you) tried to create a new account at ${studio.name} with this e-mail address, which already has one. No second account was made.`,
      'If it was you, sign in with your password, or choose a new one if you have forgotten it. If it was not you, nothing changes: you can ignore this e-mail.',
    ],
    { label: 'Sign in', href: `${studio.url}/login` },
  )

/** To the new address of an account: the link that moves the account to it (confirmEmailChange). */
export const emailChangeConfirmEmail = (studio: Studio, token: string): EmailContent =>
  compose(
    studio,
    'Confirm your new e-mail address',
    [
      `Someone (we hope you) asked to use this address for an account at ${studio.name}.`,
      'Open the link within 24 hours to confirm it. If it was not you, ignore this e-mail: nothing changes.',
    ],
    { label: 'Confirm this address', href: `${studio.url}/confirm-email?token=${encodeURIComponent(token)}` },
  )

/** To the current address of an account whose move to `to` was asked for. */
export const emailChangeNoticeEmail = (studio: Studio, to: string): EmailContent =>
  compose(
    studio,
    'Your e-mail address is being changed',
    [
      `Someone signed in to your account at ${studio.name} asked to move it to ${to}. It moves only when the link sent there is opened.`,
      'If it was not you, choose a new password now: that ends every other session.',
    ],
    { label: 'Your account', href: `${studio.url}/account` },
  )

/** To the owner of an address someone tried to move another account to (the request was answered as usual). */
export const emailChangeAttemptEmail = (studio: Studio): EmailContent =>
  compose(
    studio,
    'Someone tried to use your address for another account',
    [
      `Someone tried to move another account at ${studio.name} to this e-mail address, which already has one. Nothing changed.`,
      'If it was not you, nothing needs doing: you can ignore this e-mail.',
    ],
    { label: 'Sign in', href: `${studio.url}/login` },
  )

export const passwordResetEmail = (studio: Studio, token: string, href?: string): EmailContent =>
  compose(
    studio,
    'Reset your password',
    [
      'Someone (we hope you) asked to reset the password of your account.',
      'The link works for one hour. If it was not you, ignore this e-mail: your password stays as it is.',
    ],
    {
      label: 'Choose a new password',
      href: href ?? `${studio.url}/reset-password?token=${encodeURIComponent(token)}`,
    },
  )

export const retentionReminderEmail = (
  studio: Studio,
  reminder: { portraits: number; deleteOn: string },
): EmailContent =>
  compose(
    studio,
    'Your portraits will be deleted in a week',
    [
      `To protect your privacy we keep portraits for a limited time. ${plural(reminder.portraits, 'portrait')} of yours will be deleted on ${reminder.deleteOn}.`,
      'Download the ones you want to keep (single images or a ZIP, as JPEG or WebP) before then.',
    ],
    { label: 'Download my portraits', href: `${studio.url}/account` },
  )
