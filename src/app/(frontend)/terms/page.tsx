import Link from 'next/link'

import { LegalText } from '@/components/LegalText'
import { requestBranding } from '@/next/payloadServer'

export const metadata = { title: 'Terms' }

/** The studio's own terms when it has set them (Studios → Branding), else the platform's template. */
export default async function TermsPage() {
  const { termsText } = await requestBranding()
  if (termsText) return <LegalText title="Terms" text={termsText} />
  return (
    <article className="prose">
      <h1>Terms</h1>
      <p className="muted">These terms are between you and [Studio legal name], [address].</p>
      <h2>Shoots</h2>
      <p>
        A shoot makes one set of portraits from one photo with the package and theme you choose. Premium
        themes use more than one shoot, as shown before you start. Shoots are set aside when a shoot starts
        and spent when at least one portrait is delivered; if none can be made, they are returned to your
        balance.
      </p>
      <h2>Your photos</h2>
      <p>
        Upload only photos you have the right to use, of people who agreed to it. Portraits are made by an AI
        image model; they are artistic interpretations and may not look exactly like the people in the photo.
      </p>
      <h2>Payments and refunds</h2>
      <p>
        Prices include the taxes shown at checkout. Payments are processed by Stripe. If you are not happy,
        write to us within 14 days of a purchase: we refund unused shoots. A refunded purchase&apos;s shoots
        are taken back from your balance.
      </p>
      <h2>Using the portraits</h2>
      <p>You may use your portraits for any personal purpose, including printing and sharing them.</p>
      <p>
        See also our <Link href="/privacy">privacy page</Link>.
      </p>
    </article>
  )
}
