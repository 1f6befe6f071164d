import { formatMoney } from '../../../lib/format'
import type { Product } from '../storefrontApi'

export function ProductGrid({ products }: { products: Product[] }) {
  return (
    <ul className="product-grid" aria-label="Products">
      {products.map((product) => (
        <li key={product.id} className="card product-card">
          <h2 className="product-title">{product.title}</h2>
          <p className="price">{formatMoney(product.price, product.currency)}</p>
          <p className={product.in_stock ? 'stock in' : 'stock out'}>
            {product.in_stock ? 'In stock' : 'Out of stock'}
          </p>
        </li>
      ))}
    </ul>
  )
}
