import { api } from '../../app/api'
import type { Paginated } from '../../types/api'

export interface Product {
  id: number | string
  slug: string
  title: string
  price: string
  currency: string
  in_stock: boolean
  stock: number
}

export const storefrontApi = api.injectEndpoints({
  endpoints: (build) => ({
    products: build.query<Paginated<Product>, { page: number; search: string }>({
      query: ({ page, search }) => ({ url: '/catalog/products/', params: { page, ...(search ? { search } : {}) } }),
      providesTags: ['Products'],
    }),
  }),
})

export const { useProductsQuery } = storefrontApi
