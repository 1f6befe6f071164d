import { countryName } from '../../../lib/countries'
import type { CheckoutOptions } from '../checkoutApi'

/** Said in place of the delivery choices when none can be offered. */
export function NoDelivery({ options }: { options?: CheckoutOptions }) {
  if (options?.country && options.delivers === false) {
    return (
      <p role="status">
        This shop does not deliver to {countryName(options.country)}. Choose another country to see its delivery
        options.
      </p>
    )
  }
  return <p>This shop has no delivery options yet, so orders cannot be placed.</p>
}
