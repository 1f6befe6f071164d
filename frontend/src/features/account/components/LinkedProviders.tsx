import { Alert } from '../../../components/Alert'
import { Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { PROVIDER_NAMES, useSocialLinkRemoveMutation, useSocialLinksQuery } from '../../auth/socialApi'

/** The Google and Facebook sign-ins linked to this account, each removable unless it is the
 * account's last way to sign in (the server says so, with what to do instead). */
export function LinkedProviders() {
  const { data, isLoading, error, refetch } = useSocialLinksQuery()
  const [remove, removeState] = useSocialLinkRemoveMutation()

  async function unlink(id: number) {
    try {
      await remove(id).unwrap()
      refetch()
    } catch {
      // Shown below from the mutation state.
    }
  }

  if (isLoading) return <Loading label="Loading linked sign-ins…" />
  if (error || !data) {
    return (
      <Alert>
        <p>{error ? parseApiError(error).message : 'Could not load the linked sign-ins.'}</p>
        <button type="button" className="btn btn-secondary" onClick={() => refetch()}>
          Try again
        </button>
      </Alert>
    )
  }
  const unlinked = data.providers.filter((p) => !data.links.some((link) => link.provider === p))
  return (
    <>
      {data.links.length === 0 ? (
        <p className="muted">No Google or Facebook sign-in is linked to this account.</p>
      ) : (
        <ul className="linked-providers" aria-label="Linked sign-ins">
          {data.links.map((link) => (
            <li key={link.id}>
              <span>
                <strong>{PROVIDER_NAMES[link.provider]}</strong>
                {link.email && <span className="muted"> · {link.email}</span>}
              </span>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => unlink(link.id)}
                disabled={removeState.isLoading}
                aria-label={`Remove ${PROVIDER_NAMES[link.provider]} sign-in`}
              >
                {removeState.isLoading && removeState.originalArgs === link.id ? 'Removing…' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!data.has_password && (
        <p className="muted">
          This account has no password. Keep at least one linked sign-in, or set a password with “Forgot your
          password?” on the sign-in page.
        </p>
      )}
      {unlinked.length > 0 && (
        <p className="muted">
          To link {unlinked.map((p) => PROVIDER_NAMES[p]).join(' or ')}, sign out and choose “Continue with{' '}
          {PROVIDER_NAMES[unlinked[0]]}” with an account that uses this e-mail address (confirmed by the provider).
        </p>
      )}
      {removeState.error && (
        <Alert>
          <p>{parseApiError(removeState.error).message}</p>
        </Alert>
      )}
    </>
  )
}
