import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, customer, shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

const product = (id: number, title: string, inStock = true) => ({
  id,
  slug: title.toLowerCase(),
  title,
  price: '2.55',
  currency: 'GBP',
  in_stock: inStock,
  stock: inStock ? 3 : 0,
})

describe('Storefront', () => {
  it('lists products with prices, searches and pages through them', async () => {
    const queries: string[] = []
    server.use(
      http.get('/api/catalog/products/', ({ request }) => {
        const params = new URL(request.url).searchParams
        queries.push(params.toString())
        if (params.get('search') === 'zzz') return HttpResponse.json({ count: 0, next: null, previous: null, results: [] })
        if (params.get('page') === '2') {
          return HttpResponse.json({ count: 3, next: null, previous: 'p1', results: [product(3, 'Cog', false)] })
        }
        return HttpResponse.json({ count: 3, next: 'p2', previous: null, results: [product(1, 'Anvil'), product(2, 'Bolt')] })
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/' })

    expect(screen.getByRole('heading', { level: 1, name: 'Acme' })).toBeInTheDocument()
    const grid = await screen.findByRole('list', { name: 'Products' })
    expect(within(grid).getAllByRole('listitem')).toHaveLength(2)
    expect(within(grid).getAllByText('£2.55')).toHaveLength(2)

    await user.click(screen.getByRole('button', { name: 'Next page' }))
    expect(await screen.findByText('Cog')).toBeInTheDocument()
    expect(screen.getByText('Out of stock')).toBeInTheDocument()

    await user.type(screen.getByRole('searchbox', { name: 'Search products' }), 'zzz{Enter}')
    expect(await screen.findByText('No products match “zzz”')).toBeInTheDocument()
    expect(queries).toEqual(['page=1', 'page=2', 'page=1&search=zzz'])
  })

  it('shows sign-in links to visitors and the email with sign-out to a shopper', async () => {
    server.use(http.get('/api/catalog/products/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })))
    const { user } = renderApp({ config: shopConfig, route: '/', signedInAs: customer })

    const account = screen.getByRole('navigation', { name: 'Account' })
    expect(account).toHaveTextContent(customer.email)
    await user.click(within(account).getByRole('button', { name: 'Sign out' }))

    await waitFor(() => expect(within(account).getByRole('link', { name: 'Sign in' })).toBeInTheDocument())
    expect(within(account).getByRole('link', { name: 'Sign up' })).toBeInTheDocument()
    expect(window.localStorage.length).toBe(0)
  })

  it('shows an unavailable page when the shop is suspended', async () => {
    server.use(
      http.get('/api/shop/', () =>
        HttpResponse.json(apiError('shop_suspended', 'This shop is suspended.'), { status: 403 }),
      ),
      http.get('/api/catalog/products/', () =>
        HttpResponse.json(apiError('shop_suspended', 'This shop is suspended.'), { status: 403 }),
      ),
    )
    renderApp({ config: shopConfig, route: '/' })

    expect(
      await screen.findByRole('heading', { name: 'This shop is temporarily unavailable' }),
    ).toBeInTheDocument()
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument()
  })
})
