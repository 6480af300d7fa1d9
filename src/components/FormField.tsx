import type { InputHTMLAttributes, ReactNode } from 'react'

type FormFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  /** The label's text; the input is inside the label, so it is the input's accessible name. */
  label: ReactNode
  value: string
  onValueChange: (value: string) => void
}

/** One labelled text input as the site's account forms draw it (sign-in, sign-up, reset, details). */
export function FormField({ label, onValueChange, ...input }: FormFieldProps) {
  return (
    <label className="field">
      {label}
      <input {...input} onChange={(event) => onValueChange(event.target.value)} />
    </label>
  )
}
