import type { Access } from 'payload'

export const isAuthenticated: Access = ({ req: { user } }) => Boolean(user)

export const anyone: Access = () => true

export const nobody: Access = () => false
