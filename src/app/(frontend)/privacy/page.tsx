import Link from 'next/link'

import { LegalText } from '@/components/LegalText'
import { settings } from '@/lib/settings'
import { requestBranding } from '@/next/payloadServer'

export const metadata = { title: 'Privacy' }
// The retention figures and the studio's name are read at run time, not baked into the build.
export const dynamic = 'force-dynamic'

/** The studio's own privacy text when it has set it (Studios → Branding), else the platform's template. */
export default async function PrivacyPage() {
  const { name: studioName, privacyText } = await requestBranding()
  if (privacyText) return <LegalText title="Privacy" text={privacyText} />
  const { photoRetentionDays: photoDays, portraitRetentionDays: portraitDays } = settings()
  return (
    <article className="prose">
      <h1>Privacy</h1>
      <p className="muted">
        {studioName} is run by [Studio legal name], [address] (&quot;we&quot;). This page says what we store
        about you, why, for how long, and who else sees it.
      </p>
      <h2>What we store and why</h2>
      <ul>
        <li>
          <strong>Your account</strong>: e-mail address, name (if you give one) and a hashed password, to sign
          you in and send you your portraits and receipts.
        </li>
        <li>
          <strong>Your photos</strong>: the photos you upload, re-encoded without location or camera data,
          only to make your portraits.
        </li>
        <li>
          <strong>Face measurements of your photos</strong>: when you upload a photo our own server (no one
          else) finds the faces in it and stores, for each face, its position, size and a face descriptor
          (1024 numbers). A face descriptor is <strong>biometric data</strong>. We use it only to check that
          your photo can make a good portrait and that each portrait looks like you. It is kept with the photo
          and deleted with it, it is in your data download, and it is never sent to the image model provider.
        </li>
        <li>
          <strong>Your portraits</strong>: the images we make for you, so you can view and download them.
        </li>
        <li>
          <strong>Purchases and shoot history</strong>: what you bought, when and for how much, and how your
          shoots were used, for our accounts and taxes.
        </li>
      </ul>
      <h2>How long we keep it</h2>
      <ul>
        <li>
          Photos, and the face measurements taken from them, are deleted automatically{' '}
          <strong>{photoDays} days</strong> after they were last used for a shoot (or uploaded, if never
          used).
        </li>
        <li>
          Portraits are deleted automatically <strong>{portraitDays} days</strong> after they were made. We
          e-mail you a week before, so you can download them.
        </li>
        <li>
          Purchases and shoot history are kept as long as the law requires us to keep accounts; if you delete
          your account they are kept without your name or e-mail.
        </li>
      </ul>
      <h2>Who else sees it</h2>
      <ul>
        <li>
          <strong>Google (Gemini API)</strong>, our image model provider, receives your photo and the
          description of the portrait to make each image. We use the paid API, under which Google does not use
          the content to train its models.
        </li>
        <li>
          <strong>Stripe</strong>, our payment provider, handles your card details; we never see or store
          them.
        </li>
        <li>Our hosting and e-mail providers store and deliver the data above on our behalf.</li>
      </ul>
      <h2>Your controls</h2>
      <p>
        On <Link href="/account">your account</Link> you can download everything we store about you (a ZIP),
        delete one photo or shoot, delete all photos and portraits, or delete your account. Questions: see{' '}
        <Link href="/help">help and contact</Link>.
      </p>
    </article>
  )
}
