import { useEffect, useRef, useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { forgetPending, readPending, useSocialRedeemMutation, type PendingSignIn } from '../socialApi'
import type { User } from '../types'

interface SocialCallbackPageProps {
  /** Where a person goes when the page that asked for the sign-in is not known. */
  home: (user: User) => string
  loginPath: string
}

/**
 * Where the root-domain callback hands a sign-in back: redeems the one-time code from the URL
 * fragment (never sent to a server or logged), with the nonce this tab kept when it started,
 * for this host's own tokens.
 */
export function SocialCallbackPage({ home, loginPath }: SocialCallbackPageProps) {
  useDocumentTitle('Signing you in…')
  const location = useLocation()
  const navigate = useNavigate()
  const [code] = useState(() => new URLSearchParams(location.hash.replace(/^#/, '')).get('code')?.trim() || null)
  const [pending] = useState<PendingSignIn | null>(() => readPending())
  const [redeem, { error }] = useSocialRedeemMutation()
  // The code works once: never redeem it twice, even when StrictMode re-runs effects.
  const redeemed = useRef(false)

  useEffect(() => {
    if (!code || !pending || redeemed.current) return
    redeemed.current = true
    forgetPending()
    navigate({ pathname: location.pathname, hash: '' }, { replace: true })
    redeem({ code, nonce: pending.nonce })
      .unwrap()
      .then(({ user }) => navigate(pending.next ?? home(user), { replace: true }))
      .catch(() => undefined)
  }, [code, pending, redeem, home, location.pathname, navigate])

  if (code && pending && !error) {
    return <Loading label="Signing you in…" />
  }

  const message = error
    ? parseApiError(error).message
    : 'This sign-in did not start in this browser tab, or it was already used. Choose the sign-in button again.'
  return (
    <section className="card auth-card" aria-labelledby="social-callback-title">
      <h1 id="social-callback-title">Could not sign you in</h1>
      <div role="alert">
        <p>{message}</p>
      </div>
      <p>
        <Link className="btn btn-primary" to={loginPath}>
          Back to sign in
        </Link>
      </p>
    </section>
  )
}
