import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react'

interface FieldChrome {
  label: string
  errors?: string[]
  hint?: ReactNode
  className?: string
}

function useFieldIds(errors?: string[], hint?: ReactNode) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined }
}

function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!id || !errors?.length) return null
  return (
    <ul className="field-errors" id={id}>
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
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
  const { id, hintId, errorId, describedBy } = useFieldIds(errors, hint)
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <select id={id} aria-invalid={errorId ? true : undefined} aria-describedby={describedBy} {...selectProps}>
        {children}
      </select>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  )
}

export function TextAreaField({
  label,
  errors,
  hint,
  className,
  ...areaProps
}: FieldChrome & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'>) {
  const { id, hintId, errorId, describedBy } = useFieldIds(errors, hint)
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <textarea id={id} aria-invalid={errorId ? true : undefined} aria-describedby={describedBy} {...areaProps} />
      <FieldErrors id={errorId} errors={errors} />
    </div>
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
      <FieldErrors id={errorId} errors={errors} />
    </div>
  )
}
