import type { ServerProps } from 'payload'

import { isStaffUser } from '@/access'
import { modelAlerts } from '@/generation/modelAlerts'

import '../admin-tools.css'
import '../admin-widgets.css'

/**
 * The admin dashboard's red banner: every image model in use that Google does not serve (the
 * probe's or a shoot's 404) or that is retired, and the packages that use it. Shoots on those
 * packages are refused until an admin moves them to a served model or names a fallback.
 */
export async function ModelAlertBanner({ user, payload }: ServerProps) {
  if (!isStaffUser(user as never)) return null
  const alerts = await modelAlerts(payload)
  if (!alerts.length) return null
  const admin = payload.config.routes.admin
  return (
    <div className="pp-model-alert" role="alert" id="model-alert">
      <strong>Image model not served: shoots that need it are refused.</strong>
      <ul>
        {alerts.map((alert) => (
          <li key={alert.model} data-model={alert.model}>
            <a href={`${admin}/collections/image-models/${encodeURIComponent(alert.model)}`}>
              <code>{alert.model}</code>
            </a>{' '}
            ({alert.status === 'retired' ? 'retired' : 'not served'}
            {alert.lastProbedAt ? `, checked ${alert.lastProbedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}),
            used by: {alert.usedBy.join(', ')}.
            {alert.lastProbeError ? ` Google said: ${alert.lastProbeError}` : ''}
          </li>
        ))}
      </ul>
      <p>Move these packages to a served model, or give them a fallback model, in their shoot settings.</p>
    </div>
  )
}
