import Link from 'next/link'
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
      <p className="muted">
        New here? <Link href="/signup">Create an account</Link> and get 3 free shoots.
      </p>
    </section>
  )
}
