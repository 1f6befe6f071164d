import { useAppConfig } from '../../../app/hooks'
import { shopHost } from '../../../app/config'
import { useDebouncedValue } from '../../../lib/useDebouncedValue'
import { useCheckSubdomainQuery, type SubdomainCheck } from '../platformApi'
import { hasInvalidCharacters, INVALID_CHARACTERS_MESSAGE, unavailableReason } from '../subdomain'

export const SUBDOMAIN_CHECK_DELAY_MS = 300

type Tone = 'neutral' | 'pending' | 'ok' | 'bad'

export interface SubdomainStatusValue {
  tone: Tone
  text: string
  /** Set when the subdomain cannot be used (not when the check itself failed). */
  problem: SubdomainCheck['code']
}

/**
 * Debounced live availability message for a subdomain, announced politely. Characters that can
 * never be valid are refused at once, without asking the server.
 */
export function useSubdomainStatus(subdomain: string): SubdomainStatusValue {
  const config = useAppConfig()
  const value = subdomain.trim()
  const debounced = useDebouncedValue(value, SUBDOMAIN_CHECK_DELAY_MS)
  const { currentData, error, isFetching } = useCheckSubdomainQuery(debounced, {
    skip: !debounced || hasInvalidCharacters(debounced),
  })

  if (!value) return { tone: 'neutral', text: '', problem: null }
  if (hasInvalidCharacters(value)) return { tone: 'bad', text: INVALID_CHARACTERS_MESSAGE, problem: 'invalid' }
  if (value !== debounced || isFetching) return { tone: 'pending', text: 'Checking availability…', problem: null }
  if (error) return { tone: 'bad', text: 'Could not check availability right now.', problem: null }
  if (!currentData) return { tone: 'pending', text: 'Checking availability…', problem: null }
  if (currentData.available) return { tone: 'ok', text: `${shopHost(config, value)} is available`, problem: null }
  return {
    tone: 'bad',
    text: unavailableReason(currentData.code, currentData.message),
    problem: currentData.code ?? 'invalid',
  }
}

export function SubdomainStatus({ id, tone, text }: { id: string; tone: Tone; text: string }) {
  return (
    <p id={id} className={`live-status live-${tone}`} role="status" aria-live="polite">
      {text}
    </p>
  )
}
