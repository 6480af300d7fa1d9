import type { Access, FieldAccess } from 'payload'

export const isAuthenticated: Access = ({ req: { user } }) => Boolean(user)

export const anyone: Access = () => true

export const nobody: Access = () => false

/** A field only the server reads or writes: Payload skips field access for overrideAccess calls (the server's own). */
export const nobodyField: FieldAccess = () => false
