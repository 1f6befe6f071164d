import { skipToken } from '@reduxjs/toolkit/query/react'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { api } from '../../../../app/api'
import { useAppDispatch } from '../../../../app/hooks'
import { ProgressBar } from '../../../../components/ProgressBar'
import { ErrorState } from '../../../../components/States'
import { parseApiError } from '../../../../lib/apiError'
import { formatCount } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import type { Id } from '../../../../types/commerce'
import { downloadFile, saveBlob, uploadWithProgress, useAuthorizedRequest } from '../../../auth/authorizedRequest'
import { useImportJobQuery, type ImportJob } from '../../catalogApi'
// The same file is imported by the back end's tests, so the example shown here really imports.
import EXAMPLE from './importExample.csv?raw'

export const CSV_COLUMNS: { name: string; description: string }[] = [
  {
    name: 'handle',
    description:
      'The product’s address (e.g. linen-apron). A variant row may repeat it or leave it empty; either way it belongs to the product row above it.',
  },
  { name: 'title', description: 'Product title: set on the product row, empty on the variant rows after it.' },
  { name: 'description', description: 'Product description (optional).' },
  { name: 'status', description: 'active, draft or archived.' },
  { name: 'category', description: 'Category name (optional).' },
  { name: 'sku', description: 'The variant’s SKU; unique.' },
  { name: 'option1_name', description: 'e.g. Size (optional).' },
  { name: 'option1_value', description: 'e.g. M.' },
  { name: 'option2_name', description: 'e.g. Colour (optional).' },
  { name: 'option2_value', description: 'e.g. Red.' },
  { name: 'price', description: 'Decimal, e.g. 12.50.' },
  { name: 'compare_at_price', description: 'Decimal or empty.' },
  { name: 'stock', description: 'Whole number.' },
  {
    name: 'image_url',
    description:
      'An http:// or https:// image address (optional), fetched during the import. On the product row it is a product image; on a variant row, that variant’s image.',
  },
]

export const POLL_MS = 1000

const finished = (job?: ImportJob) => job?.status === 'done' || job?.status === 'failed'

export function ImportPage({ pollMs = POLL_MS }: { pollMs?: number }) {
  useDocumentTitle('Import and export — Dashboard')
  return (
    <section aria-labelledby="import-title">
      <p className="back-link">
        <Link to="/dashboard/products">← Products</Link>
      </p>
      <h1 id="import-title">Import and export</h1>
      <ImportPanel pollMs={pollMs} />
      <ExportPanel />
      <CsvFormat />
    </section>
  )
}

function ImportPanel({ pollMs }: { pollMs: number }) {
  const dispatch = useAppDispatch()
  const authorized = useAuthorizedRequest()
  const [file, setFile] = useState<File | null>(null)
  const [uploading, setUploading] = useState(false)
  const [upload, setUpload] = useState<{ loaded: number; total: number } | null>(null)
  const [fileErrors, setFileErrors] = useState<string[]>([])
  const [formError, setFormError] = useState('')
  const [jobId, setJobId] = useState<Id | null>(null)
  const [initialJob, setInitialJob] = useState<ImportJob | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const ids = { file: useId(), error: useId() }

  const [polling, setPolling] = useState(false)
  // Poll once a second until the job is done or failed.
  const jobQuery = useImportJobQuery(jobId ?? skipToken, {
    pollingInterval: polling ? pollMs : 0,
    skipPollingIfUnfocused: false,
  })
  const job = jobQuery.data ?? initialJob ?? undefined
  const jobStatus = job?.status
  useEffect(() => {
    setPolling(jobId !== null && jobStatus !== 'done' && jobStatus !== 'failed')
  }, [jobId, jobStatus])
  useEffect(() => {
    if (jobStatus === 'done' || jobStatus === 'failed') {
      dispatch(api.util.invalidateTags(['DashProducts', 'Products', 'Categories', 'DashCategories', 'Overview']))
    }
  }, [jobStatus, dispatch])

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError('')
    if (!file) {
      setFileErrors(['Choose a CSV file.'])
      return
    }
    setFileErrors([])
    setUploading(true)
    setJobId(null)
    setInitialJob(null)
    const result = await authorized<ImportJob>((token) => {
      const form = new FormData()
      form.append('file', file)
      return uploadWithProgress<ImportJob>({
        path: '/dashboard/products/import/',
        form,
        token,
        onProgress: (loaded, total) => setUpload({ loaded, total }),
      })
    })
    setUploading(false)
    setUpload(null)
    if (result.ok && result.data?.id !== undefined) {
      setInitialJob(result.data)
      setJobId(result.data.id)
      if (fileInput.current) fileInput.current.value = ''
      setFile(null)
    } else if (!result.ok) {
      const error = parseApiError(result.error)
      if (error.fields.file) setFileErrors(error.fields.file)
      else setFormError(error.message)
    }
  }

  return (
    <section className="card form-section" aria-labelledby="import-csv-title">
      <h2 id="import-csv-title">Import products from CSV</h2>
      <p>New handles create products; existing handles update them. The format is described below.</p>
      <form onSubmit={onSubmit} noValidate aria-busy={uploading}>
        {formError && (
          <p className="alert alert-error" role="alert">
            {formError}
          </p>
        )}
        <div className="field">
          <label htmlFor={ids.file}>CSV file</label>
          <input
            ref={fileInput}
            id={ids.file}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setFileErrors([])
            }}
            aria-invalid={fileErrors.length ? true : undefined}
            aria-describedby={fileErrors.length ? ids.error : undefined}
            disabled={uploading}
          />
          {fileErrors.length > 0 && (
            <ul className="field-errors" id={ids.error}>
              {fileErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
        {uploading && upload && <ProgressBar label="Uploading file" value={upload.loaded} max={upload.total} />}
        <button type="submit" className="btn btn-primary" disabled={uploading || (Boolean(jobId) && !finished(job))}>
          {uploading ? 'Uploading…' : 'Start import'}
        </button>
      </form>
      {job && <ImportProgress job={job} />}
      {jobQuery.error && !job && <ErrorState error={jobQuery.error} onRetry={jobQuery.refetch} />}
    </section>
  )
}

function ImportProgress({ job }: { job: ImportJob }) {
  const total = job.total ?? 0
  const processed = job.processed ?? 0
  const errors = job.errors ?? []
  let summary: string
  if (job.status === 'queued') summary = 'Import queued; it starts in a moment…'
  else if (job.status === 'running') summary = total ? `Importing… ${processed} of ${total} rows` : 'Importing…'
  else if (job.status === 'done') {
    summary = `Import finished: ${job.created ?? 0} created, ${job.updated ?? 0} updated, ${formatCount(errors.length, 'error')}.`
  } else summary = `Import failed after ${processed} of ${total} rows.`

  return (
    <div className="import-progress">
      <ProgressBar
        label="Import progress"
        value={job.status === 'done' ? Math.max(total, processed) : processed}
        max={total || (job.status === 'done' ? 1 : 0)}
        text={total ? `${processed} of ${total} rows` : job.status}
      />
      <p className={job.status === 'failed' ? 'live-status live-bad' : 'live-status'} role="status">
        {summary}
      </p>
      {errors.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Rows with errors" tabIndex={0}>
          <table className="table">
            <caption className="table-caption">Rows with errors</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((error, index) => (
                <tr key={`${error.line}-${index}`}>
                  <td className="num">{error.line}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

function ExportPanel() {
  const authorized = useAuthorizedRequest()
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState('')
  const [error, setError] = useState('')

  async function onExport() {
    setBusy(true)
    setError('')
    setStatus('Preparing the export…')
    const result = await authorized((token) => downloadFile('/dashboard/products/export/', token))
    setBusy(false)
    if (result.ok) {
      const name = result.data.filename ?? `products-${new Date().toISOString().slice(0, 10)}.csv`
      saveBlob(result.data.blob, name)
      setStatus(`Downloaded ${name}.`)
    } else {
      setStatus('')
      setError(parseApiError(result.error).message)
    }
  }

  return (
    <section className="card form-section" aria-labelledby="export-title">
      <h2 id="export-title">Export products</h2>
      <p>Download every product as a CSV file in the same format, ready to edit and import again.</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={() => void onExport()} disabled={busy}>
          {busy ? 'Exporting…' : 'Export CSV'}
        </button>
        <span className="live-status" role="status">
          {status}
        </span>
      </div>
    </section>
  )
}

function CsvFormat() {
  return (
    <section className="card form-section" aria-labelledby="format-title">
      <h2 id="format-title">CSV format</h2>
      <p>
        One row per variant, with a header row. A product row (with a <code>title</code>) starts a product and is
        its first variant; the rows right after it with an empty <code>title</code> are its other variants. Product
        fields are read from the product row, and option names may be left empty on variant rows.
      </p>
      <div className="table-scroll" role="region" aria-label="CSV columns" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {CSV_COLUMNS.map((column) => (
              <tr key={column.name}>
                <th scope="row">
                  <code>{column.name}</code>
                </th>
                <td>{column.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Example</h3>
      <pre className="code-block" tabIndex={0} aria-label="Example CSV">
        {EXAMPLE}
      </pre>
    </section>
  )
}
