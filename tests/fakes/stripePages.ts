import type http from 'node:http'

/** What the hosted pages do for the person in the browser (the fake's own test controls). */
export interface HostedPageControls {
  /** The session's success_url, or undefined for an unknown session. */
  successUrlOf: (sessionId: string) => string | undefined
  completeSession: (sessionId: string) => unknown
  /** The Account Link's account and return_url, or undefined for an unknown link. */
  linkOf: (token: string) => { account: string; returnUrl: string } | undefined
  completeOnboarding: (accountId: string) => unknown
}

const html = (title: string, body: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1>${body}`

/**
 * The pages a browser meets on Stripe's side, served without an API key so a browser test can
 * open them offline: hosted Checkout (`/c/pay/<session>`) and Connect onboarding
 * (`/setup/e/<account>/<link>`). A GET shows the page; POSTing its form plays the person, as
 * Stripe's test mode lets one do: paying completes the session (the charge, and on a direct charge
 * the platform's application fee) and returns the browser to the session's success_url with
 * {CHECKOUT_SESSION_ID} filled in (docs.stripe.com/payments/checkout/custom-success-page);
 * "Agree and submit" completes onboarding (card_payments active) and returns to the link's
 * return_url (docs.stripe.com/connect/express-accounts#return-user). Stripe itself sends no
 * webhook here: a test delivers the event. Returns false for any other path.
 */
export const serveHostedPage = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  controls: HostedPageControls,
): boolean => {
  const checkout = /^\/c\/pay\/([^/]+)$/.exec(url.pathname)
  const onboarding = /^\/setup\/e\/([^/]+)\/([^/]+)$/.exec(url.pathname)
  if (!checkout && !onboarding) return false
  const page = (status: number, body: string) =>
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body)
  const redirect = (location: string) => res.writeHead(303, { location }).end()
  if (checkout) {
    const sessionId = checkout[1]
    const successUrl = controls.successUrlOf(sessionId)
    if (req.method === 'POST' && successUrl) {
      controls.completeSession(sessionId)
      redirect(successUrl.replace('{CHECKOUT_SESSION_ID}', sessionId))
    } else
      page(
        200,
        html(
          'Fake Stripe Checkout',
          `<p id="session">${sessionId}</p><form method="post"><button type="submit">Pay</button></form>`,
        ),
      )
    return true
  }
  const [, accountId, token] = onboarding as RegExpExecArray
  const link = controls.linkOf(token)
  if (!link || link.account !== accountId) {
    page(404, html('Fake Stripe onboarding', '<p>This link has expired.</p>'))
    return true
  }
  if (req.method === 'POST') {
    controls.completeOnboarding(accountId)
    redirect(link.returnUrl)
  } else
    page(
      200,
      html(
        'Fake Stripe onboarding',
        '<form method="post"><button type="submit">Agree and submit</button></form>',
      ),
    )
  return true
}
