import { useId, useRef, useState, type FormEvent } from 'react'
import { api } from '../../../../app/api'
import { useAppDispatch } from '../../../../app/hooks'
import { SubmitRow } from '../../../../components/FormDialog'
import { ProgressBar } from '../../../../components/ProgressBar'
import { parseApiError } from '../../../../lib/apiError'
import type { Id, ProductImage, Variant } from '../../../../types/commerce'
import { uploadWithProgress, useAuthorizedRequest } from '../../../auth/authorizedRequest'
import { ImageList } from './ImageList'

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024

interface ProductImagesProps {
  productId: Id
  images: ProductImage[]
  /** Saved variants, which an image can be attached to. */
  variants: Variant[]
}

/** The product's photos: upload (with progress), order, attach to a variant, delete. */
export function ProductImages({ productId, images, variants }: ProductImagesProps) {
  const dispatch = useAppDispatch()
  const authorized = useAuthorizedRequest()
  const [file, setFile] = useState<File | null>(null)
  const [alt, setAlt] = useState('')
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null)
  const [uploading, setUploading] = useState(false)
  const [fileErrors, setFileErrors] = useState<string[]>([])
  const [altErrors, setAltErrors] = useState<string[]>([])
  const [formError, setFormError] = useState('')
  const [status, setStatus] = useState('')
  const fileInput = useRef<HTMLInputElement>(null)
  const ids = { file: useId(), fileHint: useId(), fileError: useId(), alt: useId(), altError: useId() }

  async function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setStatus('')
    setFormError('')
    setAltErrors([])
    if (!file) {
      setFileErrors(['Choose an image file.'])
      return
    }
    if (file.size > MAX_IMAGE_BYTES) {
      setFileErrors(['This file is over 10 MB. Choose a smaller image.'])
      return
    }
    setFileErrors([])
    setUploading(true)
    setProgress({ loaded: 0, total: file.size })
    const result = await authorized<ProductImage>((token) => {
      const form = new FormData()
      form.append('image', file)
      form.append('alt', alt.trim())
      return uploadWithProgress<ProductImage>({
        path: `/dashboard/products/${productId}/images/`,
        form,
        token,
        onProgress: (loaded, total) => setProgress({ loaded, total }),
      })
    })
    setUploading(false)
    setProgress(null)
    if (result.ok) {
      setStatus(`Image uploaded${result.data?.alt ? `: ${result.data.alt}` : ''}.`)
      setFile(null)
      setAlt('')
      if (fileInput.current) fileInput.current.value = ''
      dispatch(api.util.invalidateTags([{ type: 'DashProducts', id: String(productId) }, 'DashProducts', 'Products']))
    } else {
      const error = parseApiError(result.error)
      if (error.fields.image) setFileErrors(error.fields.image)
      if (error.fields.alt) setAltErrors(error.fields.alt)
      if (!error.fields.image && !error.fields.alt) setFormError(error.message)
      else setFormError('')
    }
  }

  const percent = progress && progress.total ? Math.round((progress.loaded / progress.total) * 100) : 0

  return (
    <section className="card form-section" aria-labelledby="images-title">
      <h2 id="images-title">Images</h2>
      {images.length === 0 ? (
        <p className="muted">No images yet. The first image is the one shown in the catalog.</p>
      ) : (
        <ImageList
          productId={productId}
          images={images}
          variants={variants}
          onStatus={(message) => {
            setFormError('')
            setStatus(message)
          }}
          onError={(message) => {
            setStatus('')
            setFormError(message)
          }}
        />
      )}

      <form onSubmit={onUpload} noValidate aria-busy={uploading} className="upload-form">
        <h3>Add an image</h3>
        {formError && (
          <p className="alert alert-error" role="alert">
            {formError}
          </p>
        )}
        <div className="field">
          <label htmlFor={ids.file}>Image file</label>
          <p className="field-hint" id={ids.fileHint}>
            JPEG, PNG, GIF or WebP, up to 10 MB.
          </p>
          <input
            ref={fileInput}
            id={ids.file}
            type="file"
            accept="image/*"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setFileErrors([])
            }}
            aria-invalid={fileErrors.length ? true : undefined}
            aria-describedby={[ids.fileHint, fileErrors.length ? ids.fileError : ''].join(' ').trim()}
            disabled={uploading}
          />
          {fileErrors.length > 0 && (
            <ul className="field-errors" id={ids.fileError} role="alert">
              {fileErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.alt}>Alt text</label>
          <p className="field-hint">Describe the photo for people who cannot see it.</p>
          <input
            id={ids.alt}
            value={alt}
            onChange={(e) => setAlt(e.target.value)}
            aria-invalid={altErrors.length ? true : undefined}
            aria-describedby={altErrors.length ? ids.altError : undefined}
            disabled={uploading}
          />
          {altErrors.length > 0 && (
            <ul className="field-errors" id={ids.altError}>
              {altErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
        {uploading && progress && (
          <ProgressBar label="Uploading image" value={progress.loaded} max={progress.total} text={`${percent}%`} />
        )}
        <SubmitRow busy={uploading} label="Upload image" busyLabel="Uploading…" status={status} />
      </form>
    </section>
  )
}
