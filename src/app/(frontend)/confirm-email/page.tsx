import { Suspense } from 'react'

import { EmailChangeConfirmation } from '@/components/account/EmailChangeConfirmation'

export const metadata = { title: 'Confirm your new e-mail address' }

export default function ConfirmEmailPage() {
  return (
    <section className="narrow">
      <h1>Confirm your new e-mail address</h1>
      <Suspense>
        <EmailChangeConfirmation />
      </Suspense>
    </section>
  )
}
