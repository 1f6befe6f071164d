import { api } from '../../app/api'
import type { Paginated } from '../../types/api'
import type { Category, ProductDetail, ProductSummary } from '../../types/commerce'

export type Product = ProductSummary

export type CatalogSort = 'relevance' | 'price' | '-price' | 'newest' | 'best_selling'

export interface CatalogQuery {
  page: number
  search: string
  category?: string
  min_price?: string
  max_price?: string
  in_stock?: boolean
  /** Omitted: the server's default (relevance when searching, newest otherwise). */
  sort?: CatalogSort
  page_size?: number
}

/** Only the parameters that are set, in a stable order (page first). */
export function catalogParams(query: CatalogQuery): Record<string, string | number> {
  const params: Record<string, string | number> = { page: query.page }
  if (query.search) params.search = query.search
  if (query.category) params.category = query.category
  if (query.min_price) params.min_price = query.min_price
  if (query.max_price) params.max_price = query.max_price
  if (query.in_stock) params.in_stock = 'true'
  if (query.sort) params.sort = query.sort
  if (query.page_size) params.page_size = query.page_size
  return params
}

export const storefrontApi = api.injectEndpoints({
  endpoints: (build) => ({
    products: build.query<Paginated<Product>, CatalogQuery>({
      query: (query) => ({ url: '/catalog/products/', params: catalogParams(query) }),
      extraOptions: { optionalAuth: true },
      providesTags: ['Products'],
    }),
    product: build.query<ProductDetail, string>({
      query: (slug) => `/catalog/products/${encodeURIComponent(slug)}/`,
      extraOptions: { optionalAuth: true },
      transformResponse: (product: ProductDetail) => ({
        ...product,
        images: product.images ?? [],
        options: product.options ?? [],
        variants: product.variants ?? [],
      }),
      providesTags: (_result, _error, slug) => [{ type: 'Products', id: slug }],
    }),
    categories: build.query<Category[], void>({
      query: () => '/catalog/categories/',
      extraOptions: { optionalAuth: true },
      // Tolerate a paginated answer as well as a plain list.
      transformResponse: (data: Category[] | Paginated<Category>) => (Array.isArray(data) ? data : data.results),
      providesTags: ['Categories'],
    }),
  }),
})

export const { useProductsQuery, useProductQuery, useCategoriesQuery } = storefrontApi
