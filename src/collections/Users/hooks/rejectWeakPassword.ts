import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

import { accountPasswordProblem } from '@/account/passwordStrength'

/**
 * Every way a password is set (sign-up, the admin's user form, a self-service update, the
 * reset-password link) passes through one of these operations; Payload itself only asks for 3
 * characters. Runs before the operation so a refused password writes nothing. Throws Payload's
 * ValidationError on `password` (400 naming the field), also for a password that is not text.
 */
export const rejectWeakPassword: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'resetPassword') return args
  const data = (args as { data?: { password?: unknown; email?: unknown; name?: unknown } }).data
  if (data?.password === undefined || data.password === null) return args
  // A number or an object would reach Payload's hashing (pbkdf2) and fail there with a 500.
  if (typeof data.password !== 'string') {
    throw new ValidationError(
      { collection: 'users', errors: [{ path: 'password', message: 'password must be text.' }] },
      req.t,
    )
  }
  const problem = accountPasswordProblem(data.password, [
    data.email,
    data.name,
    req.user?.email,
    req.user?.name,
  ])
  if (problem) {
    throw new ValidationError(
      { collection: 'users', errors: [{ path: 'password', message: problem }] },
      req.t,
    )
  }
  return args
}
