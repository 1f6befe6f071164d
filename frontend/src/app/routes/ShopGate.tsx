import { Outlet } from 'react-router'
import { useSessionCheck } from '../../features/auth/hooks'
import { errorCode } from '../../lib/apiError'
import { useDocumentTitle } from '../../lib/useDocumentTitle'
import { useAppConfig } from '../hooks'
import { useCurrentShopQuery } from '../shop'

export const SHOP_SUSPENDED = 'shop_suspended'

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

/** Root of every shop-host page: a suspended shop shows one clear page instead of broken ones. */
export function ShopGate() {
  const config = useAppConfig()
  const { error } = useCurrentShopQuery()
  useSessionCheck()

  if (errorCode(error) === SHOP_SUSPENDED) {
    return <ShopUnavailable shopName={config.kind === 'shop' ? config.shop.name : undefined} rootUrl={config.root_url} />
  }
  return <Outlet />
}
