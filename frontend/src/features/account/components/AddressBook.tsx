import { useState } from 'react'
import { ConfirmDialog } from '../../../components/FormDialog'
import { ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { countryName } from '../../../lib/countries'
import { useFocusAfterRender } from '../../../lib/useFocusAfterRender'
import {
  MAX_ADDRESSES,
  useAddAddressMutation,
  useAddressesQuery,
  useDeleteAddressMutation,
  useUpdateAddressMutation,
  type SavedAddress,
} from '../addressesApi'
import { AddressFormDialog } from './AddressFormDialog'

type Editing = { mode: 'add' } | { mode: 'edit'; address: SavedAddress } | null

/** The signed-in shopper's saved addresses: add, edit, delete and choose the default. */
export function AddressBook() {
  const { data: addresses, isLoading, error, refetch } = useAddressesQuery()
  const [addAddress, adding] = useAddAddressMutation()
  const [updateAddress, updating] = useUpdateAddressMutation()
  const [deleteAddress, deleting] = useDeleteAddressMutation()
  const [editing, setEditing] = useState<Editing>(null)
  const [deletingAddress, setDeletingAddress] = useState<SavedAddress | null>(null)
  const [status, setStatus] = useState('')
  const [actionError, setActionError] = useState('')
  // After a dialog closes (it hands focus back to its opener first), focus the list's heading.
  const [headingRef, focusHeading] = useFocusAfterRender<HTMLHeadingElement>()

  const name = (a: SavedAddress) => a.label || a.line1
  const full = (addresses?.length ?? 0) >= MAX_ADDRESSES

  function done(message: string) {
    setStatus(message)
    setEditing(null)
    setDeletingAddress(null)
    focusHeading()
  }

  async function makeDefault(address: SavedAddress) {
    setActionError('')
    try {
      await updateAddress({ id: address.id, changes: { is_default: true } }).unwrap()
      setStatus(`${name(address)} is now your default address.`)
    } catch (failure) {
      setActionError(parseApiError(failure).message)
    }
  }

  let body
  if (isLoading) body = <Loading label="Loading your addresses…" />
  else if (error) body = <ErrorState error={error} onRetry={refetch} />
  else if (!addresses?.length) body = <p className="muted">No saved addresses yet. Add one, or tick “Save this address” at checkout.</p>
  else {
    body = (
      <ul className="address-list">
        {addresses.map((address) => (
          <li key={address.id} className="card address-card">
            <p className="address-card-title">
              <strong>{name(address)}</strong>
              {address.is_default && <span className="badge badge-ok">Default</span>}
            </p>
            <address>
              {[address.full_name, address.line1, address.line2, `${address.city} ${address.postcode}`, countryName(address.country)]
                .filter((part) => part && part.trim())
                .map((part) => (
                  <span key={part} className="address-line">
                    {part}
                  </span>
                ))}
              {address.phone && <span className="address-line">{address.phone}</span>}
            </address>
            <div className="actions">
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing({ mode: 'edit', address })} aria-label={`Edit ${name(address)}`}>
                Edit
              </button>
              {!address.is_default && (
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => void makeDefault(address)}
                  disabled={updating.isLoading}
                  aria-label={`Make default: ${name(address)}`}
                >
                  Make default
                </button>
              )}
              <button
                type="button"
                className="btn btn-link"
                onClick={() => setDeletingAddress(address)}
                aria-label={`Delete ${name(address)}`}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    )
  }

  return (
    <section aria-labelledby="addresses-title" className="address-book">
      <div className="page-head">
        <h2 id="addresses-title" ref={headingRef} tabIndex={-1}>
          Addresses
        </h2>
        <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing({ mode: 'add' })} disabled={full || isLoading}>
          Add address
        </button>
      </div>
      {full && <p className="muted small">You can keep up to {MAX_ADDRESSES} addresses. Delete one to add another.</p>}
      {actionError && (
        <p className="alert alert-error" role="alert">
          {actionError}
        </p>
      )}
      <p className="live-status live-ok" role="status">
        {status}
      </p>
      {body}

      {editing?.mode === 'add' && (
        <AddressFormDialog
          title="Add an address"
          offerDefault={Boolean(addresses?.length)}
          saving={adding.isLoading}
          onSave={async (input) => {
            await addAddress(input).unwrap()
            done('Address saved.')
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.mode === 'edit' && (
        <AddressFormDialog
          title={`Edit ${name(editing.address)}`}
          initial={editing.address}
          offerDefault
          saving={updating.isLoading}
          onSave={async (input) => {
            await updateAddress({ id: editing.address.id, changes: input }).unwrap()
            done('Address updated.')
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {deletingAddress && (
        <ConfirmDialog
          title={`Delete ${name(deletingAddress)}?`}
          onClose={() => setDeletingAddress(null)}
          onConfirm={async () => {
            try {
              await deleteAddress(deletingAddress.id).unwrap()
              done('Address deleted.')
            } catch {
              // Shown in the dialog.
            }
          }}
          busy={deleting.isLoading}
          error={deleting.error}
          confirmLabel="Delete address"
          busyLabel="Deleting…"
        >
          <p>Orders already placed keep their delivery address.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
