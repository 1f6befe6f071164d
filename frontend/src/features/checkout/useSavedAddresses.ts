import { skipToken } from '@reduxjs/toolkit/query/react'
import { useEffect, useState } from 'react'
import type { Address } from '../../types/commerce'
import { MAX_ADDRESSES, shippingAddressOf, useAddressesQuery, type SavedAddress } from '../account/addressesApi'

export const NEW_ADDRESS = 'new'

/**
 * A signed-in shopper's saved addresses at checkout: the default is chosen (and fills the
 * address fields) once they load; picking another fills them again. A backend without an
 * address book, or a guest, simply gets none.
 */
export function useSavedAddresses(signedIn: boolean, fill: (address: Address) => void, blank: () => Address) {
  const query = useAddressesQuery(signedIn ? undefined : skipToken)
  const saved: SavedAddress[] = query.isSuccess ? query.data : []
  const [choice, setChoice] = useState<string | null>(null)
  const [save, setSave] = useState(false)

  useEffect(() => {
    if (choice !== null || !query.isSuccess) return
    const preferred = query.data.find((a) => a.is_default) ?? query.data[0]
    setChoice(preferred ? String(preferred.id) : NEW_ADDRESS)
    if (preferred) fill(shippingAddressOf(preferred))
  }, [choice, query.isSuccess, query.data, fill])

  function choose(value: string) {
    setChoice(value)
    const picked = saved.find((a) => String(a.id) === value)
    fill(picked ? shippingAddressOf(picked) : blank())
  }

  return {
    saved,
    choice,
    choose,
    /** Offered for a new address while the book has room. */
    canSave: query.isSuccess && choice === NEW_ADDRESS && saved.length < MAX_ADDRESSES,
    save,
    setSave,
  }
}

export type SavedAddressChoice = ReturnType<typeof useSavedAddresses>
