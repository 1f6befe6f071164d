import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { Price } from '../../../components/Price'
import { ProductImage } from '../../../components/ProductImage'
import { beacon } from '../beacon'
import type { RecCard, RecsResponse } from '../types'
import '../recs.css'

export interface ShelfResult {
  data?: RecsResponse
  isLoading: boolean
  isError?: boolean
}

/** A row of recommended products. Hidden when there is nothing good to show (or it failed:
 * recommendations are never worth an error message to a shopper). */
export function RecsShelf({
  title,
  result,
  showReasons = true,
  footer,
}: {
  title: string
  result: ShelfResult
  showReasons?: boolean
  footer?: (data: RecsResponse) => ReactNode
}) {
  const id = `recs-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
  const { data, isLoading } = result
  if (isLoading) {
    return (
      <section className="recs-shelf" aria-labelledby={id} aria-busy="true">
        <h2 id={id}>{title}</h2>
        <p className="muted" role="status">
          Loading suggestions…
        </p>
      </section>
    )
  }
  if (!data || data.items.length === 0) return null
  return (
    <section className="recs-shelf" aria-labelledby={id} data-widget={data.widget} data-fallback={data.fallback ?? ''}>
      <h2 id={id}>{title}</h2>
      <ul className="recs-row" aria-label={title}>
        {data.items.map((card) => (
          <RecsCard key={card.id} card={card} response={data} showReason={showReasons} />
        ))}
      </ul>
      {footer?.(data)}
    </section>
  )
}

function RecsCard({ card, response, showReason }: { card: RecCard; response: RecsResponse; showReason: boolean }) {
  const onClick = () =>
    beacon.send({
      kind: 'click',
      product_id: card.id,
      widget: response.widget,
      request_id: response.request_id,
      position: card.position,
    })
  return (
    <li className="card product-card recs-card">
      <ProductImage image={card.image} />
      <h3 className="product-title">
        <Link to={`/products/${encodeURIComponent(card.slug)}`} className="stretched-link" onClick={onClick}>
          {card.title}
        </Link>
      </h3>
      <p>
        <Price price={card.price} compareAt={card.compare_at_price} currency={card.currency} />
      </p>
      {showReason && card.reason.text && <p className="recs-reason muted small">{card.reason.text}</p>}
    </li>
  )
}
