import { Link, useLocation } from 'react-router'
import { useBillingQuery } from '../billingApi'

/** For the owner, on every dashboard page: a failed payment or a closed storefront, and where to pay. */
export function BillingBanner() {
  const { data } = useBillingQuery()
  const { pathname } = useLocation()
  // the billing page says it itself, with the way to pay
  if (!data || data.dunning.state === 'ok' || pathname.startsWith('/dashboard/billing')) return null
  return (
    <div className="alert alert-error billing-banner" role="alert">
      <p>
        {data.dunning.message} <Link to="/dashboard/billing">Go to Billing</Link>
      </p>
    </div>
  )
}
