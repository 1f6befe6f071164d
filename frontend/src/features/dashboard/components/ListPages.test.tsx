import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { shopConfig, staff } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

/** A paginated endpoint with two pages, filtered by `search`; records each query string. */
function fakeList<T>(path: string, pages: T[][]) {
  const queries: string[] = []
  server.use(
    http.get(`/api/dashboard/${path}/`, ({ request }) => {
      const params = new URL(request.url).searchParams
      queries.push(params.toString())
      if (params.get('search') === 'none') return HttpResponse.json({ count: 0, next: null, previous: null, results: [] })
      const page = Number(params.get('page') ?? 1)
      return HttpResponse.json({
        count: 30,
        next: page < pages.length ? 'next' : null,
        previous: page > 1 ? 'prev' : null,
        results: pages[page - 1] ?? [],
      })
    }),
  )
  return queries
}

const order = (id: number, number: string) => ({
  id,
  number,
  status: 'paid',
  payment_status: 'paid',
  total: '21.40',
  currency: 'GBP',
  created_at: '2025-03-01T10:00:00Z',
  item_count: 2,
  email: `buyer${id}@example.com`,
})

describe('dashboard list pages', () => {
  it('orders: searches, filters by status and pages, keeping it all in the address bar', async () => {
    const queries = fakeList('orders', [[order(1, '1001')], [order(2, '1002')]])
    const { user, router } = renderApp({ config: shopConfig, route: '/dashboard/orders', signedInAs: staff })

    const row = await screen.findByRole('row', { name: /Order #1001/ })
    expect(within(row).getByRole('link', { name: 'Order #1001' })).toHaveAttribute('href', '/dashboard/orders/1')
    expect(row).toHaveTextContent('buyer1@example.com')
    expect(row).toHaveTextContent('Payment received')
    expect(row).toHaveTextContent('£21.40')

    await user.selectOptions(screen.getByLabelText('Status'), 'paid')
    await waitFor(() => expect(queries.at(-1)).toBe('page=1&status=paid'))
    await user.click(screen.getByRole('button', { name: 'Next page' }))
    expect(await screen.findByRole('row', { name: /Order #1002/ })).toBeInTheDocument()
    expect(queries.at(-1)).toBe('page=2&status=paid')

    await user.type(screen.getByRole('searchbox', { name: 'Search orders' }), 'none{Enter}')
    expect(await screen.findByText('No orders match')).toBeInTheDocument()
    expect(new URLSearchParams(router.state.location.search).get('page')).toBeNull()
    expect(queries.at(-1)).toBe('page=1&search=none&status=paid')
  })

  it('products: lists with the count, filters and explains an empty catalog', async () => {
    const product = (id: number, title: string) => ({
      id,
      slug: title.toLowerCase(),
      title,
      status: 'active',
      price: '8.00',
      stock_total: 12,
      variant_count: 2,
      image: null,
      updated_at: '2025-03-01T10:00:00Z',
    })
    const queries = fakeList('products', [[product(1, 'Mug')], [product(2, 'Jug')]])
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/products?status=active', signedInAs: staff })

    const row = await screen.findByRole('row', { name: /Mug/ })
    expect(row).toHaveTextContent('£8.00')
    expect(row).toHaveTextContent('12')
    expect(screen.getByText('30 products')).toBeInTheDocument()
    expect(screen.getByLabelText('Status')).toHaveValue('active')
    expect(queries).toEqual(['page=1&status=active'])

    await user.click(screen.getByRole('button', { name: 'Next page' }))
    expect(await screen.findByRole('row', { name: /Jug/ })).toBeInTheDocument()

    await user.selectOptions(screen.getByLabelText('Status'), '')
    await user.type(screen.getByRole('searchbox', { name: 'Search products' }), 'none{Enter}')
    expect(await screen.findByText('No products match')).toBeInTheDocument()
    expect(queries.at(-1)).toBe('page=1&search=none')
  })

  it('customers: links each customer and searches by name or email', async () => {
    const customer = (id: number, name: string) => ({
      id,
      email: `${name.toLowerCase()}@example.com`,
      full_name: name,
      date_joined: '2025-01-01T00:00:00Z',
      order_count: 3,
      total_spent: '64.20',
    })
    const queries = fakeList('customers', [[customer(1, 'Cy')], [customer(2, 'Di')]])
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/customers', signedInAs: staff })

    const row = await screen.findByRole('row', { name: /Cy/ })
    expect(within(row).getByRole('link', { name: 'Cy' })).toHaveAttribute('href', '/dashboard/customers/1')
    expect(row).toHaveTextContent('cy@example.com')
    expect(row).toHaveTextContent('£64.20')

    await user.click(screen.getByRole('button', { name: 'Next page' }))
    expect(await screen.findByRole('row', { name: /Di/ })).toBeInTheDocument()
    await user.type(screen.getByRole('searchbox', { name: 'Search customers' }), 'none{Enter}')
    expect(await screen.findByText('No customers match “none”')).toBeInTheDocument()
    expect(queries).toEqual(['page=1', 'page=2', 'page=1&search=none'])
  })
})
