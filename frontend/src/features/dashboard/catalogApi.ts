import { api } from '../../app/api'
import type { Paginated } from '../../types/api'
import type { Category, Id, ImageRef, Money, ProductDetail, ProductImage, Variant } from '../../types/commerce'
import { listOf } from './listOf'

export type ProductStatus = 'draft' | 'active' | 'archived'

export interface DashProductSummary {
  id: Id
  slug: string
  title: string
  status: ProductStatus
  price: Money
  stock_total: number
  variant_count: number
  image: Pick<ImageRef, 'thumb_url' | 'alt'> | null
  updated_at: string
}

export interface DashProduct extends ProductDetail {
  status: ProductStatus
  category_id: Id | null
  variants: Variant[]
}

export interface VariantInput {
  id?: Id
  sku: string
  title?: string
  options: Record<string, string>
  price: Money
  compare_at_price?: Money | null
  stock: number
  /** The stock the form showed: the server applies the change to today's stock. */
  stock_was?: number
}

export interface ProductInput {
  title: string
  description: string
  status: ProductStatus
  category_id?: Id | null
  variants: VariantInput[]
}

export interface ImportJob {
  id: Id
  status: 'queued' | 'running' | 'done' | 'failed'
  total: number
  processed: number
  created: number
  updated: number
  errors: { line: number; message: string }[]
}

export interface DashProductsQuery {
  page: number
  search: string
  status: string
}

const catalogChanged = ['DashProducts', 'Products', 'Categories', 'Overview'] as const

export const dashboardCatalogApi = api.injectEndpoints({
  endpoints: (build) => ({
    dashProducts: build.query<Paginated<DashProductSummary>, DashProductsQuery>({
      query: ({ page, search, status }) => ({
        url: '/dashboard/products/',
        params: { page, ...(search ? { search } : {}), ...(status ? { status } : {}) },
      }),
      providesTags: ['DashProducts'],
    }),
    dashProduct: build.query<DashProduct, Id>({
      query: (id) => `/dashboard/products/${id}/`,
      transformResponse: (product: DashProduct) => ({
        ...product,
        images: product.images ?? [],
        options: product.options ?? [],
        variants: product.variants ?? [],
      }),
      providesTags: (_result, _error, id) => [{ type: 'DashProducts', id: String(id) }],
    }),
    createProduct: build.mutation<DashProduct, ProductInput>({
      query: (body) => ({ url: '/dashboard/products/', method: 'POST', body }),
      invalidatesTags: [...catalogChanged],
    }),
    updateProduct: build.mutation<DashProduct, { id: Id; body: Partial<ProductInput> }>({
      query: ({ id, body }) => ({ url: `/dashboard/products/${id}/`, method: 'PATCH', body }),
      invalidatesTags: (_result, _error, { id }) => [{ type: 'DashProducts', id: String(id) }, ...catalogChanged],
    }),
    archiveProduct: build.mutation<void, Id>({
      query: (id) => ({ url: `/dashboard/products/${id}/`, method: 'DELETE' }),
      invalidatesTags: (_result, _error, id) => [{ type: 'DashProducts', id: String(id) }, ...catalogChanged],
    }),
    deleteProductImage: build.mutation<void, { productId: Id; imageId: Id }>({
      query: ({ productId, imageId }) => ({
        url: `/dashboard/products/${productId}/images/${imageId}/`,
        method: 'DELETE',
      }),
      invalidatesTags: (_result, _error, { productId }) => [
        { type: 'DashProducts', id: String(productId) },
        ...catalogChanged,
      ],
    }),
    updateProductImage: build.mutation<ProductImage, { productId: Id; imageId: Id; changes: { variant_id?: Id | null; alt?: string } }>({
      query: ({ productId, imageId, changes }) => ({
        url: `/dashboard/products/${productId}/images/${imageId}/`,
        method: 'PATCH',
        body: changes,
      }),
      invalidatesTags: (_result, _error, { productId }) => [
        { type: 'DashProducts', id: String(productId) },
        ...catalogChanged,
      ],
    }),
    /** Every image of the product, once each, in the new order (the first is the main image). */
    reorderProductImages: build.mutation<unknown, { productId: Id; imageIds: Id[] }>({
      query: ({ productId, imageIds }) => ({
        url: `/dashboard/products/${productId}/images/order/`,
        method: 'POST',
        body: { image_ids: imageIds },
      }),
      invalidatesTags: (_result, _error, { productId }) => [
        { type: 'DashProducts', id: String(productId) },
        ...catalogChanged,
      ],
    }),
    dashCategories: build.query<Category[], void>({
      query: () => '/dashboard/categories/',
      transformResponse: listOf<Category>,
      providesTags: ['DashCategories'],
    }),
    createCategory: build.mutation<Category, { name: string; parent_id?: Id | null }>({
      query: (body) => ({ url: '/dashboard/categories/', method: 'POST', body }),
      invalidatesTags: ['DashCategories', 'Categories'],
    }),
    importJob: build.query<ImportJob, Id>({
      query: (id) => `/dashboard/imports/${id}/`,
      providesTags: (_result, _error, id) => [{ type: 'ImportJob', id: String(id) }],
    }),
  }),
})

export const {
  useDashProductsQuery,
  useDashProductQuery,
  useCreateProductMutation,
  useUpdateProductMutation,
  useArchiveProductMutation,
  useDeleteProductImageMutation,
  useUpdateProductImageMutation,
  useReorderProductImagesMutation,
  useDashCategoriesQuery,
  useCreateCategoryMutation,
  useImportJobQuery,
} = dashboardCatalogApi

export type { ProductImage }
