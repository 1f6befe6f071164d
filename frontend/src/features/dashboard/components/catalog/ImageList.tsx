import { useEffect, useRef, useState } from 'react'
import { parseApiError } from '../../../../lib/apiError'
import type { Id, ProductImage, Variant } from '../../../../types/commerce'
import { useDeleteProductImageMutation, useReorderProductImagesMutation, useUpdateProductImageMutation } from '../../catalogApi'

interface ImageListProps {
  productId: Id
  images: ProductImage[]
  variants: Variant[]
  onStatus: (message: string) => void
  onError: (message: string) => void
}

const variantName = (v: Variant) => v.title || Object.values(v.options ?? {}).join(' / ') || v.sku

/**
 * The product's images in order, each with Move up / Move down (the first is the main image)
 * and the variant it shows. The new order is shown at once and sent as the full list of ids;
 * if the server refuses it, the list goes back to the server's order.
 */
export function ImageList({ productId, images, variants, onStatus, onError }: ImageListProps) {
  const [reorder, reorderState] = useReorderProductImagesMutation()
  const [updateImage, updateState] = useUpdateProductImageMutation()
  const [deleteImage, deleteState] = useDeleteProductImageMutation()
  const [order, setOrder] = useState<Id[] | null>(null)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const [focusAfterMove, setFocusAfterMove] = useState<{ id: Id; direction: 'up' | 'down' } | null>(null)

  const busy = reorderState.isLoading
  const byId = new Map(images.map((image) => [String(image.id), image]))
  const shown = order
    ? order.map((id) => byId.get(String(id))).filter((image): image is ProductImage => Boolean(image))
    : images
  // A new list from the server (after a save, an upload or a delete) replaces the local order.
  useEffect(() => setOrder(null), [images])

  useEffect(() => {
    if (!focusAfterMove) return
    const at = shown.findIndex((image) => String(image.id) === String(focusAfterMove.id))
    const direction = (focusAfterMove.direction === 'up' && at === 0) || (focusAfterMove.direction === 'down' && at === shown.length - 1)
      ? (focusAfterMove.direction === 'up' ? 'down' : 'up')
      : focusAfterMove.direction
    buttons.current.get(`${focusAfterMove.id}-${direction}`)?.focus()
    setFocusAfterMove(null)
  }, [focusAfterMove, shown])

  async function move(index: number, direction: 'up' | 'down') {
    // Ignored rather than disabled while saving, so the pressed button keeps the focus.
    if (busy) return
    const target = direction === 'up' ? index - 1 : index + 1
    if (target < 0 || target >= shown.length) return
    const ids = shown.map((image) => image.id)
    ;[ids[index], ids[target]] = [ids[target], ids[index]]
    setOrder(ids)
    setFocusAfterMove({ id: shown[index].id, direction })
    try {
      await reorder({ productId, imageIds: ids }).unwrap()
      onStatus(`Image moved to position ${target + 1} of ${ids.length}${target === 0 ? ' (main image)' : ''}.`)
    } catch (failure) {
      setOrder(null)
      onError(parseApiError(failure).message)
    }
  }

  async function chooseVariant(image: ProductImage, value: string) {
    const variant = variants.find((v) => String(v.id) === value)
    try {
      await updateImage({ productId, imageId: image.id, changes: { variant_id: variant ? variant.id : null } }).unwrap()
      onStatus(variant ? `Image shown for ${variantName(variant)}.` : 'Image shown for every variant.')
    } catch (failure) {
      onError(parseApiError(failure).message)
    }
  }

  async function onDelete(image: ProductImage) {
    try {
      await deleteImage({ productId, imageId: image.id }).unwrap()
      onStatus('Image deleted.')
    } catch (failure) {
      onError(parseApiError(failure).message)
    }
  }

  return (
    <ol className="image-list" aria-label="Product images">
      {shown.map((image, index) => {
        const name = `image ${index + 1}${image.alt ? ` (${image.alt})` : ''}`
        const keep = (direction: 'up' | 'down') => (element: HTMLButtonElement | null) => {
          if (element) buttons.current.set(`${image.id}-${direction}`, element)
          else buttons.current.delete(`${image.id}-${direction}`)
        }
        return (
          <li key={image.id} className="image-item">
            <img src={image.thumb_url || image.url} alt={image.alt} width={120} height={120} />
            <p className="small">
              {index === 0 && <strong>Main image. </strong>}
              {image.alt || <span className="muted">No alt text</span>}
            </p>
            {variants.length > 1 && (
              <label className="small image-variant">
                Shows
                <select
                  value={image.variant_id === null || image.variant_id === undefined ? '' : String(image.variant_id)}
                  onChange={(e) => void chooseVariant(image, e.target.value)}
                  disabled={updateState.isLoading}
                  aria-label={`Variant shown in ${name}`}
                >
                  <option value="">Every variant</option>
                  {variants.map((variant) => (
                    <option key={variant.id} value={String(variant.id)}>
                      {variantName(variant)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <div className="image-actions">
              <button
                ref={keep('up')}
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => void move(index, 'up')}
                disabled={index === 0}
                aria-label={`Move ${name} up`}
              >
                ↑ Up
              </button>
              <button
                ref={keep('down')}
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => void move(index, 'down')}
                disabled={index === shown.length - 1}
                aria-label={`Move ${name} down`}
              >
                ↓ Down
              </button>
              <button
                type="button"
                className="btn btn-link"
                onClick={() => void onDelete(image)}
                disabled={deleteState.isLoading}
                aria-label={`Delete image ${index + 1}${image.alt ? `: ${image.alt}` : ''}`}
              >
                Delete
              </button>
            </div>
          </li>
        )
      })}
    </ol>
  )
}
