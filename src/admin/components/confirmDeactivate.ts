/**
 * The one question before a live package goes dark, from the form's checkbox and the quick
 * action alike. True when the admin confirms.
 */
export const confirmDeactivateLive = (name: string): boolean =>
  window.confirm(
    `“${name}” is live: customers can see and buy it now. Switch it off and hide it, and any bundle with it, from the site?`,
  )
