import type { Ref } from 'react'
import type { ApiError } from '../lib/apiError'

interface ErrorSummaryProps {
  error: ApiError
  /** Field paths shown next to their inputs; the rest are listed here. */
  shownFields?: string[]
  title?: string
  ref?: Ref<HTMLDivElement>
}

/** The form-level error: the server's message, plus any field errors no input displays. */
export function ErrorSummary({ error, shownFields = [], title, ref }: ErrorSummaryProps) {
  const others = Object.entries(error.fields).filter(([name]) => !shownFields.includes(name))
  return (
    <div className="alert alert-error" role="alert" ref={ref} tabIndex={-1}>
      {title && <p className="alert-title">{title}</p>}
      <p>{error.message}</p>
      {others.length > 0 && (
        <ul>
          {others.flatMap(([name, messages]) =>
            messages.map((message) => (
              <li key={name + message}>
                {humanField(name)}: {message}
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  )
}

function humanField(path: string): string {
  const parts = path.split('.')
  const last = parts.filter((part) => !/^\d+$/.test(part)).pop() ?? path
  const index = parts.find((part) => /^\d+$/.test(part))
  if (last === 'non_field_errors' || last === 'detail') return 'Error'
  const words = last.replace(/_/g, ' ')
  const label = words.charAt(0).toUpperCase() + words.slice(1)
  return index !== undefined ? `${label} (row ${Number(index) + 1})` : label
}
