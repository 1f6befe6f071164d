import { Link } from 'react-router'
import { ProductImage } from '../../../components/ProductImage'
import { Price } from '../../../components/Price'
import type { Product } from '../storefrontApi'

export function ProductGrid({ products }: { products: Product[] }) {
  return (
    <ul className="product-grid" aria-label="Products">
      {products.map((product) => (
        <li key={product.id} className="card product-card">
          <ProductImage image={product.image} />
          <h2 className="product-title">
            <Link to={`/products/${encodeURIComponent(product.slug)}`} className="stretched-link">
              {product.title}
            </Link>
          </h2>
          {product.category && <p className="product-category muted">{product.category.name}</p>}
          <p>
            <Price price={product.price} compareAt={product.compare_at_price} currency={product.currency} />
          </p>
          <p className={product.in_stock ? 'stock in' : 'stock out'}>
            {product.in_stock ? 'In stock' : 'Out of stock'}
          </p>
        </li>
      ))}
    </ul>
  )
}
