import { Outlet, useLocation } from 'react-router'
import { useSessionCheck } from '../../features/auth/hooks'
import { errorCode } from '../../lib/apiError'
import { useDocumentTitle } from '../../lib/useDocumentTitle'
import { useAppConfig } from '../hooks'
import { useCurrentShopQuery } from '../shop'

export const SHOP_SUSPENDED = 'shop_suspended'
export const SHOP_UNPAID = 'shop_unpaid'

export function ShopUnavailable({ shopName, rootUrl }: { shopName?: string; rootUrl: string }) {
  useDocumentTitle('Temporarily unavailable')
  return (
    <main className="container main unavailable" id="main">
      <h1>This shop is temporarily unavailable</h1>
      <p>{shopName ? `${shopName} is` : 'This shop is'} not open right now. Please come back later.</p>
      {/* The owner (sent here from the dashboard) finds the reason under My shops on the platform. */}
      <p>
        <a href={rootUrl}>Back to Shopyard</a>
      </p>
    </main>
  )
}

export function ShopClosedUnpaid({ shopName }: { shopName?: string }) {
  useDocumentTitle('Closed')
  return (
    <main className="container main unavailable" id="main">
      <h1>This shop is closed for now</h1>
      <p>
        {shopName ? `${shopName} is` : 'This shop is'} closed because its subscription to the platform is unpaid. It
        reopens as soon as the owner pays.
      </p>
      <p>
        Are you the owner? <a href="/dashboard/billing">Sign in to the dashboard&apos;s Billing page</a> to pay.
      </p>
    </main>
  )
}

/** Root of every shop-host page: a suspended shop shows one clear page instead of broken ones;
 * a shop closed for non-payment still opens its dashboard, so that the owner can pay. */
export function ShopGate() {
  const config = useAppConfig()
  const { error } = useCurrentShopQuery()
  const { pathname } = useLocation()
  useSessionCheck()

  if (errorCode(error) === SHOP_UNPAID && !pathname.startsWith('/dashboard')) {
    return <ShopClosedUnpaid shopName={config.kind === 'shop' ? config.shop.name : undefined} />
  }
  if (errorCode(error) === SHOP_SUSPENDED) {
    return <ShopUnavailable shopName={config.kind === 'shop' ? config.shop.name : undefined} rootUrl={config.root_url} />
  }
  return <Outlet />
}
