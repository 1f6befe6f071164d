import { useId, useState, type ReactNode } from 'react'
import { DataTable, type Column } from '../../../../components/DataTable'
import { ConfirmDialog } from '../../../../components/FormDialog'
import { QueryResults, type QueryLike } from '../../../../components/Results'
import { EmptyState } from '../../../../components/States'
import type { Id } from '../../../../types/commerce'

/** An RTK Query delete hook: `useDeleteDiscountMutation`, `useDeleteShippingRateMutation`. */
type DeleteHook = () => readonly [(id: Id) => { unwrap: () => Promise<unknown> }, { isLoading: boolean; error?: unknown }]

export interface EditorProps<T> {
  /** Absent for a new item. */
  item?: T
  onClose: () => void
  /** Called with the saved item's name. */
  onSaved: (name: string) => void
}

interface CrudPageProps<T extends { id: Id }> {
  title: string
  /** 2 when the list is one section of a page with its own h1. */
  headingLevel?: 1 | 2
  /** "Discount", "Shipping rate": names an item in the status messages. */
  noun: string
  newLabel: string
  intro?: ReactNode
  result: QueryLike<T[]>
  loadingLabel: string
  emptyTitle: string
  emptyText: string
  tableLabel: string
  columns: Column<T>[]
  /** Names one item, in "Edit X", "Delete X" and the status messages. */
  itemName: (item: T) => string
  Editor: (props: EditorProps<T>) => ReactNode
  remove: RemoveConfig<T>
}

interface RemoveConfig<T> {
  useMutation: DeleteHook
  title: (item: T) => string
  body: ReactNode
  confirmLabel: string
}

/** A settings list with New, Edit and Delete: the table, a form dialog and a confirmation. */
export function CrudPage<T extends { id: Id }>({
  title,
  headingLevel = 1,
  noun,
  newLabel,
  intro,
  result,
  loadingLabel,
  emptyTitle,
  emptyText,
  tableLabel,
  columns,
  itemName,
  Editor,
  remove,
}: CrudPageProps<T>) {
  const titleId = useId()
  const Heading = headingLevel === 1 ? 'h1' : 'h2'
  const [editing, setEditing] = useState<T | 'new' | null>(null)
  const [deleting, setDeleting] = useState<T | null>(null)
  const [status, setStatus] = useState('')

  const actions: Column<T> = {
    header: 'Actions',
    hiddenHeader: true,
    className: 'row-actions',
    cell: (item) => (
      <>
        <button type="button" className="btn btn-link" onClick={() => setEditing(item)} aria-label={`Edit ${itemName(item)}`}>
          Edit
        </button>
        <button type="button" className="btn btn-link" onClick={() => setDeleting(item)} aria-label={`Delete ${itemName(item)}`}>
          Delete
        </button>
      </>
    ),
  }

  return (
    <section aria-labelledby={titleId}>
      <div className="page-head">
        <Heading id={titleId}>{title}</Heading>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {newLabel}
        </button>
      </div>
      {intro}
      <p className="live-status live-ok" role="status">
        {status}
      </p>
      <QueryResults
        result={result}
        loadingLabel={loadingLabel}
        isEmpty={(items) => items.length === 0}
        empty={
          <EmptyState title={emptyTitle}>
            <p>{emptyText}</p>
          </EmptyState>
        }
      >
        {(items) => <DataTable label={tableLabel} rows={items} columns={[...columns, actions]} />}
      </QueryResults>
      {editing && (
        <Editor
          item={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null)
            setStatus(`${noun} ${name} saved.`)
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          item={deleting}
          {...remove}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setStatus(`${noun} ${itemName(deleting)} deleted.`)
            setDeleting(null)
          }}
        />
      )}
    </section>
  )
}

interface DeleteDialogProps<T extends { id: Id }> extends RemoveConfig<T> {
  item: T
  onClose: () => void
  onDeleted: () => void
}

function DeleteDialog<T extends { id: Id }>({ item, useMutation, title, body, confirmLabel, onClose, onDeleted }: DeleteDialogProps<T>) {
  const [removeItem, { isLoading, error }] = useMutation()
  return (
    <ConfirmDialog
      title={title(item)}
      onClose={onClose}
      busy={isLoading}
      error={error}
      confirmLabel={confirmLabel}
      busyLabel="Deleting…"
      onConfirm={() =>
        void removeItem(item.id)
          .unwrap()
          .then(onDeleted)
          .catch(() => undefined)
      }
    >
      <p>{body}</p>
    </ConfirmDialog>
  )
}
