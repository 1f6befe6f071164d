import { useState } from 'react'
import { ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { useEmailPreferencesQuery, useSetEmailPreferenceMutation } from '../emailPreferencesApi'

/** Which notifications also come by e-mail; each box saves on its own. */
export function EmailPreferences() {
  const { data, isLoading, error, refetch } = useEmailPreferencesQuery()
  const [save, { isLoading: saving }] = useSetEmailPreferenceMutation()
  const [status, setStatus] = useState('')
  const [saveError, setSaveError] = useState('')

  async function toggle(kind: string, title: string, email: boolean) {
    setStatus('')
    setSaveError('')
    const result = await save({ [kind]: email })
    if ('error' in result) setSaveError(parseApiError(result.error).message)
    else setStatus(`${title}: ${email ? 'by e-mail too' : 'in your notifications only'}.`)
  }

  return (
    <section aria-labelledby="email-prefs-title" className="email-preferences">
      <h2 id="email-prefs-title">E-mail notifications</h2>
      <p>Everything appears under the bell. Choose what also comes by e-mail.</p>
      {isLoading ? (
        <Loading label="Loading your choices…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <fieldset disabled={saving}>
          <legend className="visually-hidden">Also send by e-mail</legend>
          {(data ?? []).map((pref) => (
            <div className="field field-check" key={pref.kind}>
              <div className="check-row">
                <input
                  id={`email-pref-${pref.kind}`}
                  type="checkbox"
                  checked={pref.email}
                  onChange={(e) => void toggle(pref.kind, pref.title, e.target.checked)}
                />
                <label htmlFor={`email-pref-${pref.kind}`}>{pref.title}</label>
              </div>
            </div>
          ))}
        </fieldset>
      )}
      <p role="status" className="muted">
        {status}
      </p>
      {saveError && (
        <p role="alert" className="alert alert-error">
          {saveError}
        </p>
      )}
    </section>
  )
}
