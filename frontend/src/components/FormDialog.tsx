import type { FormEvent, ReactNode } from 'react'
import { parseApiError, type ApiError } from '../lib/apiError'
import { Dialog } from './Dialog'
import { ErrorSummary } from './ErrorSummary'

interface FormDialogProps {
  title: string
  onClose: () => void
  onSubmit: (event: FormEvent<HTMLFormElement>) => void
  saving: boolean
  error: ApiError | null
  /** Field paths the form shows next to its inputs; the summary lists the others. */
  shownFields: string[]
  submitLabel: string
  /** Shown on the submit button while saving. */
  busyLabel?: string
  /** A destructive action gets the danger style. */
  danger?: boolean
  /** Above the form. */
  intro?: ReactNode
  children: ReactNode
}

/** A dialog holding one form: errors on top, then the fields, then Save and Cancel. */
export function FormDialog({
  title,
  onClose,
  onSubmit,
  saving,
  error,
  shownFields,
  submitLabel,
  busyLabel = 'Saving…',
  danger = false,
  intro,
  children,
}: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      {intro}
      <form onSubmit={onSubmit} noValidate aria-busy={saving}>
        {error && <ErrorSummary error={error} shownFields={shownFields} />}
        {children}
        <div className="actions">
          <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={saving}>
            {saving ? busyLabel : submitLabel}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

interface ConfirmDialogProps {
  title: string
  onClose: () => void
  onConfirm: () => void
  busy: boolean
  error?: unknown
  confirmLabel: string
  busyLabel: string
  cancelLabel?: string
  children: ReactNode
}

/** "Are you sure?" for a destructive action, with the server's error if it refuses. */
export function ConfirmDialog({
  title,
  onClose,
  onConfirm,
  busy,
  error,
  confirmLabel,
  busyLabel,
  cancelLabel = 'Keep it',
  children,
}: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      {error ? (
        <p className="alert alert-error" role="alert">
          {parseApiError(error).message}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn-danger" disabled={busy} onClick={onConfirm}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {cancelLabel}
        </button>
      </div>
    </Dialog>
  )
}

interface SubmitRowProps {
  busy: boolean
  label: string
  busyLabel: string
  /** The outcome of the last submission ("Saved."), announced politely. */
  status: string
}

/** A form's submit button with its live status message beside it. */
export function SubmitRow({ busy, label, busyLabel, status }: SubmitRowProps) {
  return (
    <div className="actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      <span className="live-status live-ok" role="status">
        {status}
      </span>
    </div>
  )
}
