import { useRecsEnabled } from '../enabled'
import { useBuyAgainQuery } from '../recsApi'
import { RecsShelf } from './RecsShelf'

/** "Buy again" on the order history: what this shopper buys repeatedly and is due again. */
export function BuyAgainRecs() {
  return useRecsEnabled() ? <BuyAgainRecsShelves /> : null
}

function BuyAgainRecsShelves() {
  const result = useBuyAgainQuery(undefined, { refetchOnMountOrArgChange: true })
  return <RecsShelf title="Buy again" result={result} />
}
