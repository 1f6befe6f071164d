import { useId, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { Price } from '../../../components/Price'
import { ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import type { Id, ProductDetail, ProductOption, Variant } from '../../../types/commerce'
import { useAddCartLineMutation } from '../../cart/cartApi'
import { ProductRecs } from '../../recs'
import { useProductQuery } from '../storefrontApi'

type Selection = Record<string, string>

function matches(variant: Variant, selection: Selection, options: ProductOption[]): boolean {
  return options.every((option) => variant.options?.[option.name] === selection[option.name])
}

/** The variant the chosen option values name (the only one when the product has no options). */
export function selectedVariant(product: ProductDetail, selection: Selection): Variant | undefined {
  if (product.options.length === 0) return product.variants.find((v) => v.in_stock) ?? product.variants[0]
  return product.variants.find((variant) => matches(variant, selection, product.options))
}

/** Start from the first variant that can be bought, so one click adds something sensible. */
export function initialSelection(product: ProductDetail): Selection {
  const start = product.variants.find((v) => v.in_stock) ?? product.variants[0]
  const selection: Selection = {}
  for (const option of product.options) selection[option.name] = start?.options?.[option.name] ?? option.values[0] ?? ''
  return selection
}

/** "available", "sold out" or "unavailable" for one value, given the other chosen values. */
function valueState(product: ProductDetail, selection: Selection, option: string, value: string) {
  const candidates = product.variants.filter((variant) =>
    matches(variant, { ...selection, [option]: value }, product.options),
  )
  if (candidates.length === 0) return 'unavailable'
  return candidates.some((v) => v.in_stock) ? 'available' : 'sold out'
}

export function ProductPage() {
  const { slug = '' } = useParams()
  const { data: product, isLoading, error, refetch } = useProductQuery(slug)
  const shop = useShopInfo()
  useDocumentTitle(product ? `${product.title} — ${shop.name}` : shop.name)

  if (isLoading) return <Loading label="Loading product…" />
  if (error) {
    const notFound = parseApiError(error).status === 404
    return notFound ? (
      <section aria-labelledby="product-missing">
        <h1 id="product-missing">Product not found</h1>
        <p>This product does not exist or is no longer sold.</p>
        <p>
          <Link to="/">Browse all products</Link>
        </p>
      </section>
    ) : (
      <ErrorState error={error} onRetry={refetch} />
    )
  }
  if (!product) return null
  // A fresh selection for each product (navigating between products keeps this component).
  return <ProductView key={product.id} product={product} />
}

function ProductView({ product }: { product: ProductDetail }) {
  const [selection, setSelection] = useState<Selection>(() => initialSelection(product))
  const variant = selectedVariant(product, selection)
  const price = variant?.price ?? product.price
  const compareAt = variant ? variant.compare_at_price : product.compare_at_price

  return (
    <article className="product-page" aria-labelledby="product-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/">All products</Link>
          </li>
          {product.category && (
            <li>
              <Link to={`/?category=${encodeURIComponent(product.category.slug)}`}>{product.category.name}</Link>
            </li>
          )}
          <li aria-current="page">{product.title}</li>
        </ol>
      </nav>
      <div className="product-layout">
        <Gallery product={product} imageId={variant?.image_id} />
        <div className="product-info">
          <h1 id="product-title">{product.title}</h1>
          <p className="product-price">
            <Price price={price} compareAt={compareAt} currency={product.currency} />
          </p>
          {product.options.map((option) => (
            <OptionPicker
              key={option.name}
              option={option}
              value={selection[option.name] ?? ''}
              stateOf={(value) => valueState(product, selection, option.name, value)}
              onChange={(value) => setSelection((current) => ({ ...current, [option.name]: value }))}
            />
          ))}
          <StockState variant={variant} hasOptions={product.options.length > 0} />
          {variant && variant.sku && <p className="muted sku">SKU {variant.sku}</p>}
          <AddToCart product={product} variant={variant} />
          {product.description && (
            <section className="product-description" aria-labelledby="description-title">
              <h2 id="description-title">Description</h2>
              <p>{product.description}</p>
            </section>
          )}
        </div>
      </div>
      <ProductRecs product={product} />
    </article>
  )
}

/** `imageId`: the chosen variant's image, shown whenever the choice changes to a variant that has one. */
function Gallery({ product, imageId }: { product: ProductDetail; imageId?: Id | null }) {
  const images = product.images ?? []
  const indexOf = (id?: Id | null) => images.findIndex((image) => id !== null && id !== undefined && String(image.id) === String(id))
  const [index, setIndex] = useState(() => Math.max(0, indexOf(imageId)))
  const [shownFor, setShownFor] = useState(imageId)
  if (imageId !== shownFor) {
    setShownFor(imageId)
    if (indexOf(imageId) >= 0) setIndex(indexOf(imageId))
  }
  if (images.length === 0) {
    return (
      <div className="gallery">
        <div className="gallery-main gallery-empty">
          <span className="muted">No photo yet</span>
        </div>
      </div>
    )
  }
  const current = images[Math.min(index, images.length - 1)]
  return (
    <div className="gallery">
      <img className="gallery-main" src={current.url} alt={current.alt || product.title} />
      {images.length > 1 && (
        <ul className="gallery-thumbs" aria-label="Product photos">
          {images.map((image, i) => (
            <li key={image.id}>
              <button
                type="button"
                className="gallery-thumb"
                aria-pressed={i === index}
                aria-label={`Show photo ${i + 1} of ${images.length}${image.alt ? `: ${image.alt}` : ''}`}
                onClick={() => setIndex(i)}
              >
                <img src={image.thumb_url} alt="" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

interface OptionPickerProps {
  option: ProductOption
  value: string
  stateOf: (value: string) => 'available' | 'sold out' | 'unavailable'
  onChange: (value: string) => void
}

function OptionPicker({ option, value, stateOf, onChange }: OptionPickerProps) {
  const name = useId()
  return (
    <fieldset className="option-picker">
      <legend>
        {option.name}: <span className="option-current">{value || 'choose one'}</span>
      </legend>
      <div className="option-values">
        {option.values.map((candidate) => {
          const state = stateOf(candidate)
          return (
            <label key={candidate} className={`option-chip option-${state.replace(' ', '-')}`}>
              <input
                type="radio"
                name={name}
                value={candidate}
                checked={candidate === value}
                onChange={() => onChange(candidate)}
              />
              <span>{state === 'available' ? candidate : `${candidate} (${state})`}</span>
            </label>
          )
        })}
      </div>
    </fieldset>
  )
}

function StockState({ variant, hasOptions }: { variant?: Variant; hasOptions: boolean }) {
  let text: string
  let tone: string
  if (!variant) {
    text = hasOptions ? 'This combination is not available.' : 'Not available.'
    tone = 'out'
  } else if (!variant.in_stock || variant.stock <= 0) {
    text = 'Out of stock'
    tone = 'out'
  } else if (variant.stock <= 5) {
    text = `Only ${variant.stock} left`
    tone = 'low'
  } else {
    text = 'In stock'
    tone = 'in'
  }
  return (
    <p className={`stock ${tone}`} aria-live="polite">
      {text}
    </p>
  )
}

function AddToCart({ product, variant }: { product: ProductDetail; variant?: Variant }) {
  const [addLine, { isLoading }] = useAddCartLineMutation()
  const [quantity, setQuantity] = useState('1')
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null)
  const [quantityErrors, setQuantityErrors] = useState<string[]>([])
  const quantityId = useId()
  const quantityErrorId = useId()
  const canBuy = Boolean(variant && variant.in_stock && variant.stock > 0)
  const max = variant && variant.stock > 0 ? variant.stock : undefined

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!variant) return
    const amount = Number(quantity)
    if (!Number.isInteger(amount) || amount < 1) {
      setQuantityErrors(['Enter a whole number, 1 or more.'])
      return
    }
    if (amount > variant.stock) {
      setQuantityErrors([`Only ${variant.stock} in stock.`])
      return
    }
    setQuantityErrors([])
    setMessage(null)
    try {
      await addLine({ variant_id: variant.id, quantity: amount }).unwrap()
      const name = variant.title && product.options.length > 0 ? `${product.title} (${variant.title})` : product.title
      setMessage({ tone: 'ok', text: `Added ${amount} × ${name} to your cart.` })
    } catch (failure) {
      const error = parseApiError(failure)
      if (error.fields.quantity) setQuantityErrors(error.fields.quantity)
      setMessage({ tone: 'bad', text: error.message })
    }
  }

  return (
    <form className="add-to-cart" onSubmit={onSubmit} aria-busy={isLoading} noValidate>
      <div className="field quantity-field">
        <label htmlFor={quantityId}>Quantity</label>
        <input
          id={quantityId}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          step={1}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          aria-invalid={quantityErrors.length ? true : undefined}
          aria-describedby={quantityErrors.length ? quantityErrorId : undefined}
        />
        {quantityErrors.length > 0 && (
          <ul className="field-errors" id={quantityErrorId}>
            {quantityErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={!canBuy || isLoading}>
        {isLoading ? 'Adding…' : canBuy ? 'Add to cart' : 'Out of stock'}
      </button>
      <div className="live-region" role="status">
        {message?.tone === 'ok' && (
          <p className="live-ok">
            {message.text} <Link to="/cart">View cart</Link>
          </p>
        )}
      </div>
      {message?.tone === 'bad' && (
        <p className="inline-error" role="alert">
          {message.text}
        </p>
      )}
    </form>
  )
}
