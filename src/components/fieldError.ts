/**
 * The message of a refused write, from a JSON error body: Payload's ValidationError
 * (`errors[0].data.errors[0].message`, the field's own reason), its other errors
 * (`errors[0].message`), or our endpoints' `{ error }`. Undefined when the body has none.
 */
export const fieldErrorMessage = (body: unknown): string | undefined => {
  const value = body as {
    error?: string
    errors?: { message?: string; data?: { errors?: { message?: string; path?: string }[] } }[]
  } | null
  return value?.errors?.[0]?.data?.errors?.[0]?.message ?? value?.errors?.[0]?.message ?? value?.error
}

/** The path of the field a ValidationError body names first (`password`, `email`...), if any. */
export const fieldErrorPath = (body: unknown): string | undefined =>
  (body as { errors?: { data?: { errors?: { path?: string }[] } }[] } | null)?.errors?.[0]?.data?.errors?.[0]
    ?.path
