import { Link } from '@payloadcms/ui'
import type { ServerProps } from 'payload'

import { hasRole } from '@/access'

/** The nav's link to the analytics dashboard, shown to admins only. */
export function AnalyticsNavLink({ user, payload }: ServerProps) {
  if (!hasRole(user as never, 'admin')) return null
  const href = `${payload.config.routes.admin}/analytics`
  return (
    <div className="pp-nav-group">
      <span className="pp-nav-group__label">Insights</span>
      <Link className="nav__link" href={href} id="nav-analytics" prefetch={false}>
        <span className="nav__link-label">Analytics dashboard</span>
      </Link>
    </div>
  )
}
