import { api } from '../../app/api'
import type { Address, Id } from '../../types/commerce'

export const MAX_ADDRESSES = 20

/** An address in the signed-in shopper's address book. */
export interface SavedAddress extends Address {
  id: Id
  label: string
  phone: string
  is_default: boolean
}

export type SavedAddressInput = Omit<SavedAddress, 'id' | 'is_default'> & { is_default?: boolean }

const tagged = api.enhanceEndpoints({ addTagTypes: ['Addresses'] })

export const addressesApi = tagged.injectEndpoints({
  endpoints: (build) => ({
    /** Default first, as the server orders them. */
    addresses: build.query<SavedAddress[], void>({
      query: () => '/account/addresses/',
      providesTags: ['Addresses'],
    }),
    addAddress: build.mutation<SavedAddress, SavedAddressInput>({
      query: (body) => ({ url: '/account/addresses/', method: 'POST', body }),
      invalidatesTags: ['Addresses'],
    }),
    updateAddress: build.mutation<SavedAddress, { id: Id; changes: Partial<SavedAddressInput> }>({
      query: ({ id, changes }) => ({ url: `/account/addresses/${id}/`, method: 'PATCH', body: changes }),
      invalidatesTags: ['Addresses'],
    }),
    deleteAddress: build.mutation<void, Id>({
      query: (id) => ({ url: `/account/addresses/${id}/`, method: 'DELETE' }),
      invalidatesTags: ['Addresses'],
    }),
  }),
})

export const { useAddressesQuery, useAddAddressMutation, useUpdateAddressMutation, useDeleteAddressMutation } =
  addressesApi

/** The address fields a checkout sends, from a saved address. */
export function shippingAddressOf(saved: SavedAddress): Address {
  const { full_name, line1, line2, city, postcode, country } = saved
  return { full_name, line1, line2: line2 ?? '', city, postcode, country }
}
