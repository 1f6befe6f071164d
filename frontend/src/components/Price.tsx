import { formatMoney } from '../lib/format'

interface PriceProps {
  price: string
  currency: string
  compareAt?: string | null
  className?: string
}

/** A price, with the old (compare-at) price struck through when the item is on sale. */
export function Price({ price, currency, compareAt, className = 'price' }: PriceProps) {
  const onSale = Boolean(compareAt) && compareAt !== price
  if (!onSale) {
    return <span className={className}>{formatMoney(price, currency)}</span>
  }
  return (
    <span className={`${className} price-sale`}>
      <span className="visually-hidden">Sale price </span>
      <span>{formatMoney(price, currency)}</span>{' '}
      <s className="price-was">
        <span className="visually-hidden">was </span>
        {formatMoney(compareAt, currency)}
      </s>
    </span>
  )
}
