import { NavLink } from 'react-router'
import { useCart } from '../hooks'

/** Header link to the cart; its accessible name carries the item count. */
export function CartLink() {
  const { itemCount } = useCart()
  const label = `Cart, ${itemCount} ${itemCount === 1 ? 'item' : 'items'}`
  return (
    <NavLink to="/cart" className="cart-link" aria-label={label}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" className="cart-icon">
        <path
          d="M3 4h2l2.4 10.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 1.9-1.4L21 8H6.2"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <circle cx="10" cy="20" r="1.5" fill="currentColor" />
        <circle cx="17" cy="20" r="1.5" fill="currentColor" />
      </svg>
      <span aria-hidden="true">Cart</span>
      <span className="cart-count" aria-hidden="true">
        {itemCount}
      </span>
    </NavLink>
  )
}
