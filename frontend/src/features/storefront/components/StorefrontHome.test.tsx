import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { AUTH_STORAGE_KEY } from '../../auth/tokenStorage'
import { apiError, customer, owner, shopConfig } from '../../../test/fixtures'
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
  it("shows the shop's footer note, as the server's config gives it and as the shop API updates it", async () => {
    server.use(
      http.get('/api/shop/', () =>
        HttpResponse.json({ name: 'Acme', subdomain: 'acme', currency: 'GBP', status: 'active', footer_note: 'Data from the API' }),
      ),
    )
    renderApp({ config: { ...shopConfig, shop: { ...shopConfig.shop, footer_note: 'Data from the config' } }, route: '/' })
    const footer = screen.getByRole('contentinfo')
    expect(within(footer).getByText('Data from the config')).toBeInTheDocument()
    expect(await within(footer).findByText('Data from the API')).toBeInTheDocument()
  })

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

  it('counts pages from the default page size, and focuses the results after paging', async () => {
    server.use(
      http.get('/api/catalog/products/', ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'))
        return HttpResponse.json({
          count: 50,
          next: page < 3 ? 'n' : null,
          previous: page > 1 ? 'p' : null,
          results: [product(page, `Item ${page}`)],
        })
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/?page=2' })

    const pages = await screen.findByRole('navigation', { name: 'Product pages' })
    expect(pages).toHaveTextContent('Page 2 of 3')
    await user.click(within(pages).getByRole('button', { name: 'Next page' }))

    expect(await screen.findByText('Item 3')).toBeInTheDocument()
    expect(screen.getByRole('navigation', { name: 'Product pages' })).toHaveTextContent('Page 3 of 3')
    // Keyboard users start at the top of the new page, not at the pagination.
    expect(document.activeElement).toContainElement(screen.getByRole('list', { name: 'Products' }))
  })

  it('offers page 1 past the last page instead of an error', async () => {
    server.use(
      http.get('/api/catalog/products/', ({ request }) => {
        const params = new URL(request.url).searchParams
        if (params.get('page') === '9') {
          return HttpResponse.json(apiError('not_found', 'Invalid page.'), { status: 404 })
        }
        return HttpResponse.json({ count: 1, next: null, previous: null, results: [product(1, 'Anvil')] })
      }),
    )
    const { user, router } = renderApp({ config: shopConfig, route: '/?search=anvil&page=9' })

    expect(await screen.findByText('No more results')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
    expect(screen.queryByText('Invalid page.')).not.toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'Go to page 1' }))

    expect(await screen.findByText('Anvil')).toBeInTheDocument()
    expect(router.state.location.search).toBe('?search=anvil')
  })

  it('shows the catalog when the stored sign-in is stale and cannot be refreshed', async () => {
    const seen: (string | null)[] = []
    const refuse = () =>
      HttpResponse.json(apiError('token_not_valid', 'Given token not valid for any token type'), { status: 401 })
    server.use(
      // The public catalog answers anyone, but refuses a token it cannot read.
      http.get('/api/catalog/products/', ({ request }) => {
        const auth = request.headers.get('Authorization')
        seen.push(auth)
        return auth ? refuse() : HttpResponse.json({ count: 1, next: null, previous: null, results: [product(1, 'Anvil')] })
      }),
      http.get('/api/shop/', ({ request }) =>
        request.headers.get('Authorization')
          ? refuse()
          : HttpResponse.json({ name: 'Acme', subdomain: 'acme', currency: 'GBP', status: 'active' }),
      ),
      http.get('/api/auth/me/', refuse),
    )
    window.localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ access: 'expired-access', refresh: 'expired-refresh', user: customer }),
    )
    const { store } = renderApp({ config: shopConfig, route: '/' })

    expect(await screen.findByText('Anvil')).toBeInTheDocument()
    expect(screen.queryByText('Given token not valid for any token type')).not.toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(seen).toContain('Bearer expired-access')
    expect(seen.at(-1)).toBeNull()
    // The dead session is gone: the header offers sign-in again.
    expect(store.getState().auth).toEqual({ access: null, refresh: null, user: null })
    expect(window.localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull()
    expect(within(screen.getByRole('navigation', { name: 'Account' })).getByRole('link', { name: 'Sign in' })).toBeInTheDocument()
  })

  it('shows sign-in links to visitors and the email with sign-out to a shopper', async () => {
    server.use(http.get('/api/catalog/products/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })))
    const { user } = renderApp({ config: shopConfig, route: '/', signedInAs: customer })

    const account = screen.getByRole('navigation', { name: 'Account' })
    expect(account).toHaveTextContent(customer.email)
    await user.click(within(account).getByRole('button', { name: 'Sign out' }))

    await waitFor(() => expect(within(account).getByRole('link', { name: 'Sign in' })).toBeInTheDocument())
    expect(within(account).getByRole('link', { name: 'Sign up' })).toBeInTheDocument()
    // Nothing of the account stays; only anonymous visitor ids may appear (recommendations, and the
    // visitor socket's, counted in public promotions' figures).
    const anonymous = ['shopyard.visitor', 'shopyard.visitor-id']
    expect(Object.keys(window.localStorage).filter((key) => !anonymous.includes(key))).toEqual([])
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
    expect(screen.getByRole('link', { name: 'Back to Shopyard' })).toHaveAttribute('href', 'http://localhost:8000')
  })

  it('links a suspended shop’s dashboard back to the platform', async () => {
    const suspended = () => HttpResponse.json(apiError('shop_suspended', 'This shop is suspended.'), { status: 403 })
    server.use(http.get('/api/shop/', suspended), http.get('/api/dashboard/overview/', suspended))
    renderApp({ config: shopConfig, route: '/dashboard', signedInAs: owner })

    expect(
      await screen.findByRole('heading', { name: 'This shop is temporarily unavailable' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Back to Shopyard' })).toHaveAttribute('href', 'http://localhost:8000')
  })
})
