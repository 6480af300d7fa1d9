import {
  APIError,
  type AfterErrorHook,
  AuthenticationError,
  ErrorDeletingFile,
  FileRetrievalError,
  FileUploadError,
  Forbidden,
  Locked,
  LockedAuth,
  MissingFile,
  NotFound,
  QueryError,
  UnauthorizedError,
  UnverifiedEmail,
  ValidationError,
} from 'payload'

import { DomainError } from '@/lib/errors'

/**
 * Payload's error classes a client can meet (payload/dist/errors), by the names their
 * development builds answer. Payload's formatErrors puts `error.name` (the constructor's name) in
 * `errors[].name`; the production bundle minifies class names, so it answered `"name": "p"`.
 */
const PAYLOAD_ERROR_NAMES: [abstract new (...args: never[]) => Error, string][] = [
  [ValidationError, 'ValidationError'],
  [QueryError, 'QueryError'],
  [Forbidden, 'Forbidden'],
  [NotFound, 'NotFound'],
  [UnauthorizedError, 'UnauthorizedError'],
  [AuthenticationError, 'AuthenticationError'],
  [LockedAuth, 'LockedAuth'],
  [Locked, 'Locked'],
  [UnverifiedEmail, 'UnverifiedEmail'],
  [MissingFile, 'MissingFile'],
  [FileUploadError, 'FileUploadError'],
  [FileRetrievalError, 'FileRetrievalError'],
  [ErrorDeletingFile, 'ErrorDeletingFile'],
]

/** The stable name of an error: Payload's class name, ours as set (DomainError), else APIError or Error. */
export const errorName = (error: unknown): string => {
  for (const [type, name] of PAYLOAD_ERROR_NAMES) if (error instanceof type) return name
  if (error instanceof DomainError) return error.name
  return error instanceof APIError ? 'APIError' : 'Error'
}

/**
 * Config-level afterError, last: every `errors[].name` of the answer is the error's stable name
 * (errorName), the same in development and in the production build. Entries without `name` stay so.
 */
export const nameErrorsByClass: AfterErrorHook = ({ error, result }) => {
  const errors = (result as { errors?: unknown } | undefined)?.errors
  if (
    !Array.isArray(errors) ||
    !errors.some((entry) => entry && typeof entry === 'object' && 'name' in entry)
  )
    return
  const name = errorName(error)
  return {
    response: {
      ...(result as object),
      errors: errors.map((entry) =>
        entry && typeof entry === 'object' && 'name' in entry ? { ...entry, name } : entry,
      ),
    },
  }
}
