import { useEffect, useRef, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { useAppConfig } from '../../../app/hooks'
import { Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useHandoffMutation } from '../../auth/authApi'

export function readHandoffCode(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('code')
  return code?.trim() || null
}

/**
 * Landing page for "Open dashboard" on the platform: redeems the one-time code from the URL
 * fragment (never sent to servers or logged) for this shop's own tokens.
 */
export function HandoffPage() {
  useDocumentTitle('Opening dashboard…')
  const config = useAppConfig()
  const location = useLocation()
  const navigate = useNavigate()
  const [code] = useState(() => readHandoffCode(location.hash))
  const [handoff, { error }] = useHandoffMutation()
  // The code is single-use: never redeem it twice, even when StrictMode re-runs effects.
  const redeemed = useRef(false)

  useEffect(() => {
    if (!code || redeemed.current) return
    redeemed.current = true
    // Drop the code from the address bar and history straight away.
    navigate({ pathname: location.pathname, search: location.search, hash: '' }, { replace: true })
    handoff({ code })
      .unwrap()
      .then(() => navigate('/dashboard', { replace: true }))
      .catch(() => undefined)
  }, [code, handoff, location.pathname, location.search, navigate])

  if (code && !error) {
    return (
      <main className="container main" id="main">
        <Loading label="Signing you in to the dashboard…" />
      </main>
    )
  }

  const message = error
    ? parseApiError(error).message
    : 'This link has no sign-in code. Open the dashboard again from your shops list.'

  return (
    <main className="container main" id="main">
      <section className="card" aria-labelledby="handoff-title">
        <h1 id="handoff-title">Could not open the dashboard</h1>
        <div role="alert">
          <p>{message}</p>
          <p>Sign-in links work once and expire after a short time.</p>
        </div>
        <p>
          <a className="btn btn-primary" href={`${config.root_url}/shops`}>
            Back to my shops on Shopyard
          </a>
        </p>
      </section>
    </main>
  )
}
