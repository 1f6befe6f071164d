import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react'

export interface FieldChrome {
  label: string
  errors?: string[]
  hint?: ReactNode
  className?: string
}

/**
 * Ids for a field, its hint and its errors; `describedBy` lists the hint, the errors and any
 * `extra` ids (e.g. a live status message), in that order.
 */
export function useFieldIds(errors?: string[], hint?: ReactNode, extra?: string) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return { id, hintId, errorId, describedBy: [hintId, errorId, extra].filter(Boolean).join(' ') || undefined }
}

/** Each message once, under the field it is about. */
export function FieldErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!id || !errors?.length) return null
  return (
    <ul className="field-errors" id={id}>
      {[...new Set(errors)].map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  )
}

interface FieldShellProps extends FieldChrome {
  ids: ReturnType<typeof useFieldIds>
  children: ReactNode
}

/** Label, hint, the control, then its errors. */
function FieldShell({ ids, label, hint, errors, className, children }: FieldShellProps) {
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={ids.id}>{label}</label>
      {hint && (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      )}
      {children}
      <FieldErrorList id={ids.errorId} errors={errors} />
    </div>
  )
}

interface TextFieldProps extends FieldChrome, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  /** Extra ids (e.g. a live status message) that describe the input. */
  describedBy?: string
  /** Marks the input invalid without an error list of its own (e.g. a live check said no). */
  invalid?: boolean
  ref?: Ref<HTMLInputElement>
}

export function TextField({ label, errors, hint, describedBy, invalid, className, ...inputProps }: TextFieldProps) {
  const ids = useFieldIds(errors, hint, describedBy)
  return (
    <FieldShell ids={ids} label={label} hint={hint} errors={errors} className={className}>
      <input
        id={ids.id}
        aria-invalid={ids.errorId || invalid ? true : undefined}
        aria-describedby={ids.describedBy}
        {...inputProps}
      />
    </FieldShell>
  )
}

export function SelectField({
  label,
  errors,
  hint,
  className,
  children,
  ...selectProps
}: FieldChrome & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'>) {
  const ids = useFieldIds(errors, hint)
  return (
    <FieldShell ids={ids} label={label} hint={hint} errors={errors} className={className}>
      <select id={ids.id} aria-invalid={ids.errorId ? true : undefined} aria-describedby={ids.describedBy} {...selectProps}>
        {children}
      </select>
    </FieldShell>
  )
}

export function TextAreaField({
  label,
  errors,
  hint,
  className,
  ...areaProps
}: FieldChrome & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'>) {
  const ids = useFieldIds(errors, hint)
  return (
    <FieldShell ids={ids} label={label} hint={hint} errors={errors} className={className}>
      <textarea id={ids.id} aria-invalid={ids.errorId ? true : undefined} aria-describedby={ids.describedBy} {...areaProps} />
    </FieldShell>
  )
}

export function CheckboxField({
  label,
  errors,
  hint,
  className,
  ...inputProps
}: FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'type'>) {
  const { id, hintId, errorId, describedBy } = useFieldIds(errors, hint)
  return (
    <div className={['field field-check', className].filter(Boolean).join(' ')}>
      <div className="check-row">
        <input
          id={id}
          type="checkbox"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={describedBy}
          {...inputProps}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldErrorList id={errorId} errors={errors} />
    </div>
  )
}
