'use client'

import { FieldDescription, FieldError, FieldLabel, useField } from '@payloadcms/ui'
import type { NumberFieldClientComponent } from 'payload'
import { useCallback, useState } from 'react'

import { dollarsText, parseDollars } from '@/lib/format'

import '../admin-tools.css'
import '../admin-widgets.css'

/**
 * A price typed in dollars ("9.99") and stored in whole cents (999): the number fields
 * `priceCents` and `originalPriceCents`. A keystroke that would not read as dollars and cents
 * (a comma, a third decimal, a letter) is not taken, and the box says what it expects. The
 * field's own validation (whole cents in range) still runs on save.
 */
export const MoneyField: NumberFieldClientComponent = ({
  field,
  path: pathFromProps,
  readOnly,
  validate,
}) => {
  const { label, required, admin } = field
  const memoizedValidate = useCallback(
    (value: unknown, options: Record<string, unknown>) =>
      typeof validate === 'function' ? validate(value as never, { ...options, required } as never) : true,
    [validate, required],
  )
  const { path, value, setValue, showError, disabled } = useField<number | null>({
    potentiallyStalePath: pathFromProps,
    validate: memoizedValidate as never,
  })
  const [text, setText] = useState(() => dollarsText(value))
  const [hint, setHint] = useState(false)

  // A value that changes from outside (the document loads, the form resets) is shown in dollars;
  // what the admin is typing is left as typed while it reads as the same cents. Adjusted while
  // rendering, as React's docs advise for state that follows a prop.
  const [seenValue, setSeenValue] = useState(value)
  if (seenValue !== value) {
    setSeenValue(value)
    if ((parseDollars(text) ?? null) !== (value ?? null)) setText(dollarsText(value))
  }

  const id = `field-${path.replace(/\./g, '__')}`
  return (
    <div
      className={[
        'field-type',
        'number',
        'pp-money-field',
        showError && 'error',
        (readOnly || disabled) && 'read-only',
      ]
        .filter(Boolean)
        .join(' ')}
    >
      <FieldLabel label={label} path={path} required={required} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <div className="pp-money-input">
          <span aria-hidden="true">$</span>
          <input
            id={id}
            name={path}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            aria-describedby={`${id}-hint`}
            disabled={readOnly || disabled}
            value={text}
            onChange={(event) => {
              const cents = parseDollars(event.target.value)
              if (cents === undefined) {
                setHint(true)
                return
              }
              setHint(false)
              setText(event.target.value.replace(/^\$\s*/, ''))
              setValue(cents)
            }}
          />
        </div>
        <p
          id={`${id}-hint`}
          className={hint ? 'pp-money-hint pp-money-hint--show' : 'pp-money-hint'}
          role={hint ? 'alert' : undefined}
        >
          Dollars and cents, like 9.99 (up to 9999.99).
        </p>
      </div>
      <FieldDescription description={admin?.description} path={path} />
    </div>
  )
}
