import { Suspense } from 'react'

import { PasswordResetForm } from '@/components/PasswordResetForm'

export const metadata = { title: 'Choose a new password' }

export default function ResetPasswordPage() {
  return (
    <section className="narrow">
      <h1>Choose a new password</h1>
      <Suspense>
        <PasswordResetForm step="reset" />
      </Suspense>
    </section>
  )
}
