import { useState, type FormEvent } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { SignOutButton } from '../../auth/components/SignOutButton'
import { CartLink } from '../../cart/components/CartLink'
import { useCurrentUser } from '../../auth/hooks'
import { useShopInfo } from '../../../app/shop'

export function StorefrontLayout() {
  const shop = useShopInfo()
  const user = useCurrentUser()
  const location = useLocation()
  // Signing in from a page comes back to it (the cart, checkout, a product).
  const here = location.pathname + location.search
  const returnState = location.pathname.startsWith('/account/') || here === '/' ? undefined : { from: here }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            {shop.name}
          </Link>
          {/* The catalog page has its own, larger search box. */}
          {location.pathname !== '/' && <HeaderSearch />}
          <nav aria-label="Account" className="header-nav">
            {user ? (
              <>
                {(user.role === 'staff' || user.role === 'owner') && <Link to="/dashboard">Dashboard</Link>}
                <NavLink to="/account/orders">Orders</NavLink>
                <span className="header-user">
                  <span className="visually-hidden">Signed in as </span>
                  {user.email}
                </span>
                <SignOutButton label="Sign out" />
              </>
            ) : (
              <>
                <Link to="/account/login" state={returnState}>
                  Sign in
                </Link>
                <Link to="/account/signup" state={returnState}>
                  Sign up
                </Link>
              </>
            )}
            <CartLink />
          </nav>
        </div>
      </header>
      <main id="main" className="container main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <small>
            Powered by <a href={shop.rootUrl}>Shopyard</a>
          </small>
        </div>
      </footer>
    </div>
  )
}

function HeaderSearch() {
  const navigate = useNavigate()
  const [term, setTerm] = useState('')

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const trimmed = term.trim()
    navigate(trimmed ? `/?${new URLSearchParams({ search: trimmed })}` : '/')
  }

  return (
    <form role="search" className="header-search" onSubmit={onSubmit}>
      <label htmlFor="header-search" className="visually-hidden">
        Search products
      </label>
      <input
        id="header-search"
        type="search"
        placeholder="Search products"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
      />
      <button type="submit" className="btn btn-secondary btn-small">
        Search
      </button>
    </form>
  )
}
