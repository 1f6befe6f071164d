import { useAppConfig } from '../../../app/hooks'
import { shopHost } from '../../../app/config'
import { useDebouncedValue } from '../../../lib/useDebouncedValue'
import { useCheckSubdomainQuery } from '../platformApi'
import { unavailableReason } from '../subdomain'

export const SUBDOMAIN_CHECK_DELAY_MS = 300

type Tone = 'neutral' | 'pending' | 'ok' | 'bad'

/** Debounced live availability message for a subdomain, announced politely. */
export function useSubdomainStatus(subdomain: string): { tone: Tone; text: string } {
  const config = useAppConfig()
  const value = subdomain.trim()
  const debounced = useDebouncedValue(value, SUBDOMAIN_CHECK_DELAY_MS)
  const { currentData, error, isFetching } = useCheckSubdomainQuery(debounced, { skip: !debounced })

  if (!value) return { tone: 'neutral', text: '' }
  if (value !== debounced || isFetching) return { tone: 'pending', text: 'Checking availability…' }
  if (error) return { tone: 'bad', text: 'Could not check availability right now.' }
  if (!currentData) return { tone: 'pending', text: 'Checking availability…' }
  if (currentData.available) return { tone: 'ok', text: `${shopHost(config, value)} is available` }
  return { tone: 'bad', text: unavailableReason(currentData.code, currentData.message) }
}

export function SubdomainStatus({ id, tone, text }: { id: string; tone: Tone; text: string }) {
  return (
    <p id={id} className={`live-status live-${tone}`} role="status" aria-live="polite">
      {text}
    </p>
  )
}
