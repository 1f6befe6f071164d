import type { Key, ReactNode } from 'react'

export interface Column<T> {
  /** The column's heading. */
  header: ReactNode
  /** Keep the heading for assistive tech only (an image or actions column). */
  hiddenHeader?: boolean
  /** Right-aligned tabular figures. */
  numeric?: boolean
  /** This column names the row: rendered as `<th scope="row">`. */
  rowHeader?: boolean
  /** Extra class names for the body cells. */
  className?: string
  cell: (row: T) => ReactNode
}

interface DataTableProps<T> {
  /** Names the scrollable region, e.g. "Order list". */
  label: string
  rows: readonly T[]
  columns: readonly Column<T>[]
  rowKey?: (row: T) => Key
}

function defaultKey(row: unknown): Key {
  return String((row as { id: unknown }).id)
}

/**
 * A table inside a focusable, horizontally scrolling region: on a narrow screen the table scrolls
 * on its own instead of widening the page.
 */
export function DataTable<T>({ label, rows, columns, rowKey = defaultKey }: DataTableProps<T>) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.hiddenHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, index) => {
                const className = [column.numeric ? 'num' : '', column.className ?? ''].filter(Boolean).join(' ') || undefined
                return column.rowHeader ? (
                  <th key={index} scope="row" className={className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={index} className={className}>
                    {column.cell(row)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
