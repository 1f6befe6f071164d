import { useState, type FormEvent } from 'react'
import { TextAreaField } from '../../../components/Fields'
import { FormDialog } from '../../../components/FormDialog'
import { parseApiError } from '../../../lib/apiError'
import { useSuspendShopMutation, type AdminShop } from '../adminApi'

/** The backend keeps at most this many characters of a reason. */
export const SUSPEND_REASON_MAX_LENGTH = 500

interface Props {
  shop: AdminShop
  onClose: () => void
  onSuspended: (shop: AdminShop) => void
}

export function SuspendShopDialog({ shop, onClose, onSuspended }: Props) {
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
    <FormDialog
      title={`Suspend ${shop.name}`}
      intro={
        <p>
          While suspended, {shop.subdomain}'s storefront and dashboard answer every visitor with an
          “unavailable” page. You can reactivate it at any time.
        </p>
      }
      onClose={onClose}
      onSubmit={onSubmit}
      saving={isLoading}
      // A refused reason is shown at the field; anything else above the form.
      error={apiError && !apiError.fields.reason ? apiError : null}
      shownFields={['reason']}
      submitLabel="Suspend shop"
      busyLabel="Suspending…"
      danger
    >
      <TextAreaField
        label="Reason"
        name="reason"
        rows={3}
        required
        maxLength={SUSPEND_REASON_MAX_LENGTH}
        hint={`The shop owner sees it. At most ${SUSPEND_REASON_MAX_LENGTH} characters.`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        errors={reasonErrors}
      />
    </FormDialog>
  )
}
