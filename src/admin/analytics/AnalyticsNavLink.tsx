import { Link } from '@payloadcms/ui'
import type { ServerProps } from 'payload'

import { hasRole } from '@/access'

import '../admin-tools.css'
import '../admin-widgets.css'

const analyticsHref = (payload: ServerProps['payload']) => `${payload.config.routes.admin}/analytics`

/** Who reaches the dashboard: platform admins and studio owners (requireAnalyticsScope). */
const seesAnalytics = (user: ServerProps['user']) => hasRole(user as never, 'admin', 'owner')

/** The nav's link to the analytics dashboard, shown to platform admins and studio owners. */
export function AnalyticsNavLink({ user, payload }: ServerProps) {
  if (!seesAnalytics(user)) return null
  return (
    <div className="pp-nav-group">
      <span className="pp-nav-group__label">Insights</span>
      <Link className="nav__link" href={analyticsHref(payload)} id="nav-analytics" prefetch={false}>
        <span className="nav__link-label">Analytics dashboard</span>
      </Link>
    </div>
  )
}

/** On the admin home, for platform admins and studio owners: "what sells, what works, what breaks". */
export function AnalyticsDashboardCard({ user, payload }: ServerProps) {
  if (!seesAnalytics(user)) return null
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
