import { Link, NavLink, Outlet } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { SignedInAs, SiteHeader, SkipLink } from '../../../components/SiteHeader'
import { SignOutButton } from '../../auth/components/SignOutButton'
import { BillingBanner } from '../../billing/components/BillingBanner'
import { useCurrentUser } from '../../auth/hooks'
import { useLiveNotifications } from '../../notifications/hooks'
import { useUnseenFeedCount } from '../feedSeen'
import { sectionsFor } from '../sections'

/** "Acme Dashboard" in the header. */
export function DashboardBrand({ shopName }: { shopName: string }) {
  return (
    <>
      {shopName} <span className="brand-sub">Dashboard</span>
    </>
  )
}

export function DashboardLayout() {
  const shop = useShopInfo()
  const user = useCurrentUser()
  // The staff socket: the live feed of the areas this role may read arrives over it.
  useLiveNotifications()
  const unseen = useUnseenFeedCount()

  return (
    <div className="app dashboard">
      <SkipLink />
      <SiteHeader brand={<DashboardBrand shopName={shop.name} />} brandTo="/dashboard" navLabel="Account">
        <Link to="/">View storefront</Link>
        <SignedInAs email={user?.email} />
        <SignOutButton label="Sign out" />
      </SiteHeader>
      <div className="container dashboard-body">
        <nav aria-label="Dashboard" className="side-nav">
          <ul>
            {sectionsFor(user?.permissions, user?.role).map((section) => (
              <li key={section.path}>
                <NavLink to={section.path} end={section.end}>
                  {section.label}
                  {section.path === '/dashboard/feed' && unseen > 0 && ' '}
                  {section.path === '/dashboard/feed' && unseen > 0 && (
                    <span className="nav-count">
                      {unseen > 49 ? '50+' : unseen}
                      <span className="visually-hidden"> new</span>
                    </span>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="dashboard-main" tabIndex={-1}>
          {user?.role === 'owner' && <BillingBanner />}
          <Outlet />
        </main>
      </div>
    </div>
  )
}
