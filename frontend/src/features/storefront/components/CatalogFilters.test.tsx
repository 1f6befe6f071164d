import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

const categories = [
  { id: 1, name: 'Kitchen', slug: 'kitchen', parent_id: null, product_count: 12 },
  { id: 2, name: 'Mugs', slug: 'mugs', parent_id: 1, product_count: 4 },
  { id: 3, name: 'Garden', slug: 'garden', parent_id: null, product_count: 7 },
]

const product = {
  id: 1,
  slug: 'enamel-mug',
  title: 'Enamel mug',
  price: '8.00',
  compare_at_price: '10.00',
  currency: 'GBP',
  in_stock: true,
  image: { url: '/m/mug.jpg', thumb_url: '/m/mug-t.jpg', alt: 'A blue mug' },
  category: { slug: 'mugs', name: 'Mugs' },
}

function fakeCatalog() {
  const queries: string[] = []
  server.use(
    http.get('/api/catalog/categories/', () => HttpResponse.json(categories)),
    http.get('/api/catalog/products/', ({ request }) => {
      const params = new URL(request.url).searchParams
      queries.push(params.toString())
      const page = Number(params.get('page') ?? 1)
      return HttpResponse.json({
        count: 30,
        next: page < 2 ? 'next' : null,
        previous: page > 1 ? 'prev' : null,
        results: [product],
      })
    }),
  )
  return queries
}

// These journeys type whole forms with user-event; give them room on a busy machine.
describe('catalog filters', { timeout: 30_000 }, () => {
  it('keeps category, price, stock, sort and page in the address bar and sends them to the API', async () => {
    const queries = fakeCatalog()
    const { user, router } = renderApp({ config: shopConfig, route: '/' })
    const search = () => new URLSearchParams(router.state.location.search)

    const card = await screen.findByRole('listitem')
    expect(within(card).getByRole('link', { name: 'Enamel mug' })).toHaveAttribute('href', '/products/enamel-mug')
    expect(within(card).getByText('£8.00')).toBeInTheDocument()
    expect(within(card).getByText('£10.00').closest('s')).not.toBeNull()
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('30 products')

    const category = screen.getByLabelText('Category')
    expect(within(category).getByRole('option', { name: '— Mugs (4)' })).toBeInTheDocument()
    await user.selectOptions(category, 'mugs')
    await waitFor(() => expect(search().get('category')).toBe('mugs'))

    await user.click(screen.getByLabelText('In stock only'))
    await waitFor(() => expect(search().get('in_stock')).toBe('true'))

    await user.type(screen.getByLabelText('Minimum price'), 'abc')
    await user.click(screen.getByRole('button', { name: 'Apply price' }))
    expect(screen.getByLabelText('Minimum price')).toHaveAccessibleDescription('Enter prices as numbers, like 5 or 12.50.')
    await user.clear(screen.getByLabelText('Minimum price'))
    await user.type(screen.getByLabelText('Minimum price'), '99999999999999')
    await user.click(screen.getByRole('button', { name: 'Apply price' }))
    expect(screen.getByLabelText('Minimum price')).toHaveAccessibleDescription('Prices go up to 9,999,999,999.99.')
    expect(search().get('min_price')).toBeNull()
    await user.clear(screen.getByLabelText('Minimum price'))
    await user.type(screen.getByLabelText('Minimum price'), '5')
    await user.type(screen.getByLabelText('Maximum price'), '20.50')
    await user.click(screen.getByRole('button', { name: 'Apply price' }))
    await waitFor(() => expect(search().get('max_price')).toBe('20.50'))

    // Newest is the default without a search, so choosing it again keeps the URL clean.
    const sort = screen.getByLabelText('Sort by')
    expect(sort).toHaveValue('newest')
    expect(within(sort).queryByRole('option', { name: 'Best match' })).not.toBeInTheDocument()
    await user.selectOptions(sort, 'Price: low to high')
    await waitFor(() => expect(search().get('sort')).toBe('price'))

    await user.click(screen.getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(search().get('page')).toBe('2'))

    // Any new filter starts again at page 1.
    await user.click(screen.getByLabelText('In stock only'))
    await waitFor(() => expect(search().has('in_stock')).toBe(false))
    expect(search().has('page')).toBe(false)

    await waitFor(() =>
      expect(queries.at(-1)).toBe('page=1&category=mugs&min_price=5&max_price=20.50&sort=price'),
    )
    expect(queries).toContain('page=2&category=mugs&min_price=5&max_price=20.50&in_stock=true&sort=price')
  })

  it('says so when the minimum price is above the maximum instead of showing no products', async () => {
    fakeCatalog()
    const { user, router } = renderApp({ config: shopConfig, route: '/' })
    await screen.findByRole('listitem')

    await user.type(screen.getByLabelText('Minimum price'), '50')
    await user.type(screen.getByLabelText('Maximum price'), '2')
    await user.click(screen.getByRole('button', { name: 'Apply price' }))
    expect(screen.getByLabelText('Maximum price')).toHaveAccessibleDescription('The maximum price is below the minimum.')
    expect(new URLSearchParams(router.state.location.search).has('min_price')).toBe(false)
  })

  it('reads the filters back from a shared link, and a search switches to best match', async () => {
    const queries = fakeCatalog()
    const { user, router } = renderApp({
      config: shopConfig,
      route: '/?category=kitchen&in_stock=true&min_price=2&sort=-price&page=2',
    })

    await screen.findByRole('listitem')
    expect(queries[0]).toBe('page=2&category=kitchen&min_price=2&in_stock=true&sort=-price')
    expect(screen.getByLabelText('Category')).toHaveValue('kitchen')
    expect(screen.getByLabelText('In stock only')).toBeChecked()
    expect(screen.getByLabelText('Minimum price')).toHaveValue('2')
    expect(screen.getByLabelText('Sort by')).toHaveValue('-price')

    await user.type(screen.getByRole('searchbox', { name: 'Search products' }), 'mug{Enter}')
    await waitFor(() => expect(router.state.location.search).toBe('?category=kitchen&in_stock=true&min_price=2&search=mug'))
    expect(screen.getByLabelText('Sort by')).toHaveValue('relevance')
    await waitFor(() => expect(queries.at(-1)).toBe('page=1&search=mug&category=kitchen&min_price=2&in_stock=true'))

    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    await waitFor(() => expect(router.state.location.search).toBe('?search=mug'))
    expect(screen.getByLabelText('Minimum price')).toHaveValue('')
  })
})
