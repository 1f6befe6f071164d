import { Link, Outlet } from 'react-router'
import { SignOutButton } from '../../auth/components/SignOutButton'
import { useCurrentUser } from '../../auth/hooks'
import { useShopInfo } from '../../../app/shop'

export function StorefrontLayout() {
  const shop = useShopInfo()
  const user = useCurrentUser()

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
          <nav aria-label="Account" className="header-nav">
            {user ? (
              <>
                {(user.role === 'staff' || user.role === 'owner') && <Link to="/dashboard">Dashboard</Link>}
                <span className="header-user">
                  <span className="visually-hidden">Signed in as </span>
                  {user.email}
                </span>
                <SignOutButton label="Sign out" />
              </>
            ) : (
              <>
                <Link to="/account/login">Sign in</Link>
                <Link to="/account/signup">Sign up</Link>
              </>
            )}
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
