import { useRecsEnabled } from '../enabled'
import { useCartRecsQuery } from '../recsApi'
import { RecsShelf } from './RecsShelf'

/** "Complete your order" under the cart (asked again whenever the cart changes). */
export function CartRecs() {
  return useRecsEnabled() ? <CartRecsShelves /> : null
}

function CartRecsShelves() {
  const result = useCartRecsQuery(undefined, { refetchOnMountOrArgChange: true })
  return <RecsShelf title="Complete your order" result={result} />
}
