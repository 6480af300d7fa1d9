import { Suspense } from 'react'

import { AuthForm } from '@/components/AuthForm'

export const metadata = { title: 'Create an account' }

export default function SignupPage() {
  return (
    <section className="narrow">
      <h1>Create your account</h1>
      <p className="muted">Every new account starts with 3 free shoots.</p>
      <Suspense>
        <AuthForm mode="signup" />
      </Suspense>
    </section>
  )
}
