import { APIError } from 'payload'

/**
 * The one error class for refusals: status + public message (+ details such as `field`).
 * It extends Payload's APIError, so the same error thrown in a hook or an endpoint reaches
 * the client with its status and message. `name` is set explicitly because the production
 * bundle minifies class names, and Payload's error formatter answers "An unknown error
 * occurred." for an error without a name.
 */
export class DomainError extends APIError<Record<string, unknown>> {
  readonly details: Record<string, unknown>

  constructor(status: number, message: string, details: Record<string, unknown> = {}) {
    super(message, status, details, true)
    this.name = 'DomainError'
    this.details = details
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new DomainError(400, message, details)
export const unauthorized = (message = 'Sign in first.') => new DomainError(401, message)
export const paymentRequired = (message: string, details?: Record<string, unknown>) =>
  new DomainError(402, message, details)
export const forbidden = (message = 'You are not allowed to do that.') => new DomainError(403, message)
export const notFound = (message: string) => new DomainError(404, message)
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError(409, message, details)
export const unsupportedMediaType = (message: string) => new DomainError(415, message)
export const tooManyRequests = (message: string, details?: Record<string, unknown>) =>
  new DomainError(429, message, details)
export const badGateway = (message: string) => new DomainError(502, message)
export const serviceUnavailable = (message: string, details?: Record<string, unknown>) =>
  new DomainError(503, message, details)
export const gatewayTimeout = (message: string) => new DomainError(504, message)
