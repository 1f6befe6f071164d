import { useId, useState, type FormEvent } from 'react'
import { Alert } from '../../../components/Alert'
import { Dialog } from '../../../components/Dialog'
import { parseApiError } from '../../../lib/apiError'
import { useSuspendShopMutation, type AdminShop } from '../adminApi'

interface Props {
  shop: AdminShop
  onClose: () => void
  onSuspended: (shop: AdminShop) => void
}

export function SuspendShopDialog({ shop, onClose, onSuspended }: Props) {
  const reasonId = useId()
  const [reason, setReason] = useState('')
  const [missingReason, setMissingReason] = useState(false)
  const [suspend, { isLoading, error }] = useSuspendShopMutation()
  const apiError = error ? parseApiError(error) : null
  const reasonErrors = missingReason ? ['Give a reason; the shop owner will see it.'] : apiError?.fields.reason

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!reason.trim()) {
      setMissingReason(true)
      return
    }
    setMissingReason(false)
    try {
      await suspend({ id: shop.id, reason: reason.trim() }).unwrap()
      onSuspended(shop)
    } catch {
      // Shown in the dialog.
    }
  }

  return (
    <Dialog title={`Suspend ${shop.name}`} onClose={onClose}>
      <p>
        While suspended, {shop.subdomain}'s storefront and dashboard answer every visitor with an
        “unavailable” page. You can reactivate it at any time.
      </p>
      <form onSubmit={onSubmit} noValidate>
        {apiError && !apiError.fields.reason && <Alert>{apiError.message}</Alert>}
        <div className="field">
          <label htmlFor={reasonId}>Reason</label>
          <textarea
            id={reasonId}
            name="reason"
            rows={3}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={reasonErrors?.length ? true : undefined}
            aria-describedby={reasonErrors?.length ? `${reasonId}-error` : undefined}
          />
          {reasonErrors?.length ? (
            <ul className="field-errors" id={`${reasonId}-error`}>
              {reasonErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-danger" disabled={isLoading}>
            {isLoading ? 'Suspending…' : 'Suspend shop'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
