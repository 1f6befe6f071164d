import { Link } from 'react-router'
import { useBillingQuery } from '../billingApi'

/** For the owner, on every dashboard page: a failed payment or a closed storefront, and where to pay. */
export function BillingBanner() {
  const { data } = useBillingQuery()
  if (!data || data.dunning.state === 'ok') return null
  return (
    <div className="alert alert-error billing-banner" role="alert">
      <p>
        {data.dunning.message} <Link to="/dashboard/billing">Go to Billing</Link>
      </p>
    </div>
  )
}
