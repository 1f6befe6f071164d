import { lazy, Suspense, useState, type FormEvent } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { SignedInAs, SiteHeader, SkipLink } from '../../../components/SiteHeader'
import { SignOutButton } from '../../auth/components/SignOutButton'
import { CartLink } from '../../cart/components/CartLink'
import { useCurrentUser } from '../../auth/hooks'
import { LiveNotifications } from '../../notifications/components/LiveNotifications'
import { NotificationBell } from '../../notifications/components/NotificationBell'
import { useShopInfo } from '../../../app/shop'

// Fetched after the page: the chat's code never delays the first render.
const ChatWidget = lazy(() => import('../../support').then((m) => ({ default: m.ChatWidget })))

export function StorefrontLayout() {
  const shop = useShopInfo()
  const user = useCurrentUser()
  const location = useLocation()
  // Signing in from a page comes back to it (the cart, checkout, a product).
  const here = location.pathname + location.search
  const returnState = location.pathname.startsWith('/account/') || here === '/' ? undefined : { from: here }

  return (
    <div className="app">
      <SkipLink />
      {/* The catalog page has its own, larger search box. */}
      <SiteHeader brand={shop.name} brandTo="/" navLabel="Account" between={location.pathname !== '/' && <HeaderSearch />}>
        {user ? (
          <>
            {user.role !== 'customer' && <Link to="/dashboard">Dashboard</Link>}
            <NavLink to="/account/orders">Orders</NavLink>
            <NavLink to="/account" end>
              Account
            </NavLink>
            <NotificationBell />
            <SignedInAs email={user.email} />
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
      </SiteHeader>
      <main id="main" className="container main" tabIndex={-1}>
        <Outlet />
      </main>
      <LiveNotifications />
      <Suspense fallback={null}>
        <ChatWidget shopName={shop.name} />
      </Suspense>
      <footer className="site-footer">
        <div className="container">
          {shop.footerNote && <p className="footer-note">{shop.footerNote}</p>}
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
