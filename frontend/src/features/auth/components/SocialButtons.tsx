import { useEffect, useState } from 'react'
import { useLocation } from 'react-router'
import { useAppConfig } from '../../../app/hooks'
import type { SocialProvider } from '../../../app/config'
import { Alert } from '../../../components/Alert'
import { parseApiError } from '../../../lib/apiError'
import { browser, PROVIDER_NAMES, rememberPending, socialErrorMessage, useSocialStartMutation } from '../socialApi'

interface SocialButtonsProps {
  /** Where to go once signed in (the page that sent the person to sign in), if not home. */
  next?: string | null
}

/** "Continue with Google / Facebook" for the providers the server has configured, and the
 * message when a sign-in comes back from the provider with an error (`?social_error=`). */
export function SocialButtons({ next = null }: SocialButtonsProps) {
  const providers = useAppConfig().social_providers ?? []
  const location = useLocation()
  const [start, startState] = useSocialStartMutation()
  const [leaving, setLeaving] = useState<SocialProvider | null>(null)
  // Back from the provider through the browser's page cache: the buttons work again.
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => {
      if (event.persisted) setLeaving(null)
    }
    window.addEventListener('pageshow', reset)
    return () => window.removeEventListener('pageshow', reset)
  }, [])
  const params = new URLSearchParams(location.search)
  const returned = params.get('social_error')
  const returnedFrom = params.get('social_provider')
  const returnedProvider = returnedFrom === 'google' || returnedFrom === 'facebook' ? returnedFrom : null

  if (providers.length === 0) return null

  async function go(provider: SocialProvider) {
    params.delete('social_error')
    params.delete('social_provider')
    const query = params.toString()
    try {
      const { url, nonce } = await start({ provider, from_path: location.pathname + (query ? `?${query}` : '') }).unwrap()
      rememberPending({ nonce, next })
      setLeaving(provider)
      browser.assign(url)
    } catch {
      // Shown from the mutation state.
    }
  }

  const busy = startState.isLoading || leaving !== null
  return (
    <div className="social-sign-in">
      {returned && !startState.isLoading && !leaving && (
        <Alert>
          <p>{socialErrorMessage(returned, returnedProvider)}</p>
        </Alert>
      )}
      {startState.error && (
        <Alert>
          <p>{parseApiError(startState.error).message}</p>
        </Alert>
      )}
      <div className="social-buttons" role="group" aria-label="Sign in with another account">
        {providers.map((provider) => (
          <button
            key={provider}
            type="button"
            className={`btn btn-secondary btn-block btn-social btn-${provider}`}
            onClick={() => go(provider)}
            disabled={busy}
            aria-busy={leaving === provider || (startState.isLoading && startState.originalArgs?.provider === provider)}
          >
            {leaving === provider || (startState.isLoading && startState.originalArgs?.provider === provider)
              ? `Opening ${PROVIDER_NAMES[provider]}…`
              : `Continue with ${PROVIDER_NAMES[provider]}`}
          </button>
        ))}
      </div>
      <p className="divider" aria-hidden="true">
        <span>or</span>
      </p>
    </div>
  )
}
