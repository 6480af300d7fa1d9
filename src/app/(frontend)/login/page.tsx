import { Suspense } from 'react'

import { AuthForm } from '@/components/AuthForm'

export const metadata = { title: 'Sign in' }

export default function LoginPage() {
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <Suspense>
        <AuthForm mode="signin" />
      </Suspense>
    </section>
  )
}
