import { Suspense } from 'react'

import { AuthForm } from '@/components/AuthForm'
import { plural } from '@/lib/format'
import { settings } from '@/lib/settings'

export const metadata = { title: 'Create an account' }
// FREE_TRIAL_SHOOTS is read at run time, not baked into the build.
export const dynamic = 'force-dynamic'

export default function SignupPage() {
  const trial = settings().freeTrialShoots
  return (
    <section className="narrow">
      <h1>Create your account</h1>
      {trial > 0 && <p className="muted">Every new account starts with {plural(trial, 'free shoot')}.</p>}
      <Suspense>
        <AuthForm mode="signup" />
      </Suspense>
    </section>
  )
}
