'use client'

import { Button, toast, useAuth, useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter, useSearchParams } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { bodyOrThrow, postJson } from '@/components/api'

/** POST /api/studios/:id/stripe/connect's answer (src/endpoints/studioStripe.ts). */
interface ConnectAnswer {
  accountId: string
  url: string
}

/**
 * The studio's "Connect with Stripe" button (platform admins and the studio's owners): makes the
 * studio's Express account if needed and sends the browser to Stripe's onboarding. Stripe sends
 * the owner back to this page with `?stripe=return` (the readiness is read again) or
 * `?stripe=refresh` (the link expired: a fresh one is made and followed).
 */
export function StripeConnectButton() {
  const { id } = useDocumentInfo()
  const { user } = useAuth<{ role?: string }>()
  const { config } = useConfig()
  const router = useRouter()
  const step = useSearchParams()?.get('stripe')
  const accountId = useFormFields(([fields]) => fields['stripe.accountId']?.value as string | undefined)
  const ready = useFormFields(
    ([fields]) =>
      fields['stripe.cardPaymentsCapability']?.value === 'active' &&
      fields['stripe.chargesEnabled']?.value === true,
  )
  const [busy, setBusy] = useState(false)
  const handled = useRef(false)
  const api = `${config.serverURL ?? ''}${config.routes.api}/studios/${id}/stripe`
  const allowed = Boolean(id) && (user?.role === 'admin' || user?.role === 'owner')

  const connect = async () => {
    setBusy(true)
    try {
      window.location.assign(bodyOrThrow(await postJson<ConnectAnswer>(`${api}/connect`)).url)
    } catch (error) {
      toast.error(error instanceof Error ? error.message : 'Could not reach Stripe.')
      setBusy(false)
    }
  }

  useEffect(() => {
    if (!allowed || handled.current || (step !== 'return' && step !== 'refresh')) return
    handled.current = true
    if (step === 'refresh') {
      // The link expired: a fresh one, followed at once.
      void postJson<ConnectAnswer>(`${api}/connect`).then((answer) =>
        answer.ok
          ? window.location.assign(answer.body.url)
          : toast.error(answer.error ?? 'Could not reach Stripe.'),
      )
      return
    }
    void postJson(`${api}/refresh`).then((answer) => {
      if (answer.ok) toast.success('Stripe account status updated.')
      else toast.error(answer.error ?? 'Could not read the Stripe account.')
      router.replace(`${config.routes.admin}/collections/studios/${id}`)
      router.refresh()
    })
    // connect and api change with every render; the step is read once per visit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, step])

  if (!allowed) return null
  return (
    <div className="field-type" style={{ marginBottom: 'var(--base)' }}>
      <p>
        {ready
          ? `Payments go to Stripe account ${accountId}.`
          : accountId
            ? `Stripe account ${accountId} is not ready to take payments yet: finish Stripe's onboarding.`
            : 'Connect a Stripe account so this studio can take payments.'}
      </p>
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void connect()} size="small">
        {busy ? 'Opening Stripe…' : accountId ? 'Continue Stripe onboarding' : 'Connect with Stripe'}
      </Button>
    </div>
  )
}
