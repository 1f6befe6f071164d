import { useAppSelector } from '../../app/hooks'
import { selectConfig } from '../../app/config'

/** Whether this shop's plan includes recommendations, as the page was served (an upgrade shows on
 * the next page load). Without them no widget asks the server (it would answer 403) or takes room. */
export function useRecsEnabled(): boolean {
  const config = useAppSelector(selectConfig)
  return config.kind === 'shop' && config.shop.features?.recommendations === true
}
