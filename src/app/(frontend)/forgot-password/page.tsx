import { Suspense } from 'react'

import { PasswordResetForm } from '@/components/PasswordResetForm'

export const metadata = { title: 'Forgot your password' }

export default function ForgotPasswordPage() {
  return (
    <section className="narrow">
      <h1>Forgot your password?</h1>
      <p className="muted">
        Type the e-mail address of your account and we will send you a link to choose a new password.
      </p>
      <Suspense>
        <PasswordResetForm step="request" />
      </Suspense>
    </section>
  )
}
