import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { SiteHeader, SkipLink } from '../../../components/SiteHeader'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { AuthForm } from '../../auth/components/AuthForm'
import { SignOutButton } from '../../auth/components/SignOutButton'
import { useCurrentUser } from '../../auth/hooks'
import { DASHBOARD_ROLES } from '../sections'
import { DashboardBrand, DashboardLayout } from './DashboardLayout'

function hasDashboardAccess(role: string): boolean {
  return (DASHBOARD_ROLES as readonly string[]).includes(role)
}

/** Signed out: a staff login. Customers: a clear refusal. Staff and owners: the dashboard. */
export function DashboardGate() {
  const user = useCurrentUser()
  const shop = useShopInfo()
  useDocumentTitle(`Dashboard — ${shop.name}`)

  if (!user) {
    return (
      <GateShell shopName={shop.name}>
        <AuthForm
          mode="login"
          title={`Sign in to the ${shop.name} dashboard`}
          submitLabel="Sign in"
          intro={
            // The owner has no password here: the platform signs them in. A failed login answers
            // alike for every account (no enumeration), so the hint is always on show.
            <p className="form-hint">
              <a href={`${shop.rootUrl}/shops`}>Shop owner? Open your dashboard from My shops on the platform</a>
            </p>
          }
        />
      </GateShell>
    )
  }
  if (!hasDashboardAccess(user.role)) {
    return (
      <GateShell shopName={shop.name}>
        <section className="card" aria-labelledby="no-access-title">
          <h1 id="no-access-title">This account has no access to the dashboard</h1>
          <p>
            You are signed in as {user.email}, a customer of {shop.name}. Ask the shop owner to add you as
            staff, or sign in with another account.
          </p>
          <div className="actions">
            <Link className="btn btn-secondary" to="/">
              Back to the shop
            </Link>
            <SignOutButton label="Sign out" />
          </div>
        </section>
      </GateShell>
    )
  }
  return <DashboardLayout />
}

function GateShell({ shopName, children }: { shopName: string; children: ReactNode }) {
  return (
    <div className="app">
      <SkipLink />
      <SiteHeader brand={<DashboardBrand shopName={shopName} />} brandTo="/" navLabel="Account">
        <Link to="/">View storefront</Link>
      </SiteHeader>
      <main className="container main" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
