import { Link, NavLink, Outlet } from 'react-router'
import { SignOutButton } from '../../auth/components/SignOutButton'
import { useCurrentUser } from '../../auth/hooks'
import { useShopInfo } from '../../../app/shop'
import { dashboardSections } from '../sections'

export function DashboardLayout() {
  const shop = useShopInfo()
  const user = useCurrentUser()

  return (
    <div className="app dashboard">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/dashboard" className="brand">
            {shop.name} <span className="brand-sub">Dashboard</span>
          </Link>
          <nav aria-label="Account" className="header-nav">
            <Link to="/">View storefront</Link>
            <span className="header-user">
              <span className="visually-hidden">Signed in as </span>
              {user?.email}
            </span>
            <SignOutButton label="Sign out" />
          </nav>
        </div>
      </header>
      <div className="container dashboard-body">
        <nav aria-label="Dashboard" className="side-nav">
          <ul>
            {dashboardSections.map((section) => (
              <li key={section.path}>
                <NavLink to={section.path} end={section.end}>
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="dashboard-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  )
}
