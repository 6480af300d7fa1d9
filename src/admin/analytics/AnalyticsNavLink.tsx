import { Link } from '@payloadcms/ui'
import type { ServerProps } from 'payload'

import { hasRole } from '@/access'

import '../admin-tools.css'
import '../admin-widgets.css'

const analyticsHref = (payload: ServerProps['payload']) => `${payload.config.routes.admin}/analytics`

/** The nav's link to the analytics dashboard, shown to admins only. */
export function AnalyticsNavLink({ user, payload }: ServerProps) {
  if (!hasRole(user as never, 'admin')) return null
  return (
    <div className="pp-nav-group">
      <span className="pp-nav-group__label">Insights</span>
      <Link className="nav__link" href={analyticsHref(payload)} id="nav-analytics" prefetch={false}>
        <span className="nav__link-label">Analytics dashboard</span>
      </Link>
    </div>
  )
}

/** On the admin home, for admins: the way to "what sells, what works, what breaks". */
export function AnalyticsDashboardCard({ user, payload }: ServerProps) {
  if (!hasRole(user as never, 'admin')) return null
  return (
    <div className="pp-home-card">
      <div>
        <strong>Analytics</strong>
        <p className="pp-muted">
          What sells, what works, what breaks: generations, revenue, themes and KPIs by package.
        </p>
      </div>
      <Link
        href={analyticsHref(payload)}
        className="btn btn--style-secondary btn--size-small"
        id="dashboard-analytics"
        prefetch={false}
      >
        Open the analytics dashboard
      </Link>
    </div>
  )
}
