import { TenantSelectionProvider } from '@payloadcms/plugin-multi-tenant/rsc'
import type { ComponentProps, ReactNode } from 'react'

type Props = ComponentProps<typeof TenantSelectionProvider> & { children?: ReactNode }

/**
 * The multi-tenant plugin's studio selection, for signed-in staff only. On the login page (no user)
 * the plugin's provider clears the studio cookie and refreshes the route as it mounts, which resets
 * the sign-in form while the browser may already be typing into it; with no user there is no studio
 * to select, so the form renders without it.
 */
export const StudioSelectionProvider = (props: Props) =>
  props.user ? <TenantSelectionProvider {...props} /> : <>{props.children}</>
