import { Link, NavLink, Outlet } from 'react-router'
import { SignOutButton } from '../../auth/components/SignOutButton'
import { useCurrentUser, useSessionCheck } from '../../auth/hooks'

export function PlatformLayout() {
  useSessionCheck()
  const user = useCurrentUser()

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            Shopyard
          </Link>
          <nav aria-label="Main" className="header-nav">
            {user ? (
              <>
                <NavLink to="/shops" end>
                  My shops
                </NavLink>
                {user.role === 'admin' && <NavLink to="/admin">Admin</NavLink>}
                <span className="header-user">
                  <span className="visually-hidden">Signed in as </span>
                  {user.email}
                </span>
                <SignOutButton />
              </>
            ) : (
              <>
                <NavLink to="/login">Log in</NavLink>
                <NavLink to="/signup">Sign up</NavLink>
              </>
            )}
          </nav>
        </div>
      </header>
      <main id="main" className="container main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  )
}
