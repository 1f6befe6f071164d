import { parseApiError } from '../../../lib/apiError'
import { redirectTo } from '../../../lib/browser'
import type { PlatformShop } from '../../../types/api'
import { useDashboardHandoffMutation } from '../platformApi'

/** Asks for a one-time code and moves the browser to the shop's own origin, where it is redeemed. */
export function OpenDashboardButton({ shop }: { shop: PlatformShop }) {
  const [handoff, { isLoading, error }] = useDashboardHandoffMutation()

  async function open() {
    try {
      const { url } = await handoff(shop.id).unwrap()
      redirectTo(url)
    } catch {
      // Shown below.
    }
  }

  return (
    <span className="open-dashboard">
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void open()}
        disabled={isLoading || shop.status === 'suspended'}
        aria-label={`Open dashboard for ${shop.name}`}
      >
        {isLoading ? 'Opening…' : 'Open dashboard'}
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {parseApiError(error).message}
        </span>
      )}
    </span>
  )
}
