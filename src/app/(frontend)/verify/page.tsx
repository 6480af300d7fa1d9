import { Suspense } from 'react'

import { SignUpVerification } from '@/components/account/SignUpVerification'

export const metadata = { title: 'Confirm your e-mail address' }

export default function VerifyPage() {
  return (
    <section className="narrow">
      <h1>Confirm your e-mail address</h1>
      <Suspense>
        <SignUpVerification />
      </Suspense>
    </section>
  )
}
