import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, owner, shopConfig } from '../../../../test/fixtures'
import { server } from '../../../../test/server'
import { renderApp } from '../../../../test/test-utils'

const created = {
  id: 42,
  slug: 'harbour-lantern',
  title: 'Harbour lantern',
  description: 'Brass.',
  currency: 'GBP',
  price: '7.50',
  compare_at_price: null,
  in_stock: true,
  category: null,
  category_id: null,
  status: 'active',
  images: [] as { id: number; url: string; thumb_url: string; alt: string }[],
  options: [{ name: 'Size', values: ['Large'] }],
  variants: [
    { id: 900, sku: 'HL-L', title: 'Large', options: { Size: 'Large' }, price: '7.50', compare_at_price: null, stock: 10, in_stock: true },
  ],
}

// These journeys type whole forms with user-event; give them room on a busy machine.
describe('product editor', { timeout: 30_000 }, () => {
  it('creates a product with a variant, maps nested variant errors, then uploads an image', async () => {
    const bodies: unknown[] = []
    let product = { ...created }
    server.use(
      http.get('/api/dashboard/categories/', () =>
        HttpResponse.json([{ id: 3, name: 'Lighting', slug: 'lighting', parent_id: null, product_count: 2 }]),
      ),
      http.post('/api/dashboard/products/', async ({ request }) => {
        const body = await request.json()
        bodies.push(body)
        if (bodies.length === 1) {
          return HttpResponse.json(
            apiError('validation_error', 'Please correct the errors below.', {
              variants: [{ sku: ['A variant with this SKU already exists.'] }] as unknown as string[],
            }),
            { status: 400 },
          )
        }
        return HttpResponse.json(product, { status: 201 })
      }),
      http.get('/api/dashboard/products/42/', () => HttpResponse.json(product)),
      http.post('/api/dashboard/products/42/images/', async () => {
        if (product.images.length === 0 && bodies.length === 2) {
          bodies.push('image-refused')
          return HttpResponse.json(
            apiError('validation_error', 'Check the image.', { image: ['Upload a valid image.'] }),
            { status: 400 },
          )
        }
        const image = { id: 1, url: '/m/p.png', thumb_url: '/m/p-t.png', alt: 'A brass lantern' }
        product = { ...product, images: [image] }
        return HttpResponse.json(image, { status: 201 })
      }),
    )
    const { user, router } = renderApp({ config: shopConfig, route: '/dashboard/products/new', signedInAs: owner })

    expect(await screen.findByRole('heading', { name: 'Add product' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Create product' }))
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('Enter a title.')
    expect(bodies).toHaveLength(0)

    await user.type(screen.getByLabelText('Title'), 'Harbour lantern')
    await user.type(screen.getByLabelText('Description'), 'Brass.')
    await user.selectOptions(screen.getByLabelText(/^Category/), 'Lighting')
    await user.click(screen.getByRole('button', { name: 'Add option' }))
    await user.type(screen.getByLabelText('Option 1 name'), 'Size')
    const variant = screen.getByRole('group', { name: 'Variant 1' })
    await user.type(within(variant).getByLabelText('SKU'), 'HL-L')
    await user.type(within(variant).getByLabelText('Size'), 'Large')
    await user.type(within(variant).getByLabelText('Price'), '7.50')
    await user.clear(within(variant).getByLabelText('Stock'))
    await user.type(within(variant).getByLabelText('Stock'), '10')
    await user.click(screen.getByRole('button', { name: 'Create product' }))

    await waitFor(() =>
      expect(within(variant).getByLabelText('SKU')).toHaveAccessibleDescription('A variant with this SKU already exists.'),
    )
    await user.click(screen.getByRole('button', { name: 'Create product' }))

    expect(await screen.findByText('Product created. Add images below.')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/dashboard/products/42')
    expect(bodies[1]).toEqual({
      title: 'Harbour lantern',
      description: 'Brass.',
      status: 'active',
      category_id: 3,
      variants: [{ sku: 'HL-L', options: { Size: 'Large' }, price: '7.50', compare_at_price: null, stock: 10 }],
    })

    const png = new File([new Uint8Array([137, 80, 78, 71])], 'pixel.png', { type: 'image/png' })
    await user.upload(screen.getByLabelText('Image file'), png)
    await user.type(screen.getByLabelText('Alt text'), 'A brass lantern')
    await user.click(screen.getByRole('button', { name: 'Upload image' }))
    await waitFor(() => expect(screen.getByLabelText('Image file')).toHaveAccessibleDescription(/Upload a valid image\./))

    await user.click(screen.getByRole('button', { name: 'Upload image' }))
    expect(await screen.findByText('Image uploaded: A brass lantern.')).toBeInTheDocument()
    const images = await screen.findByRole('list', { name: 'Product images' })
    expect(within(images).getByRole('img', { name: 'A brass lantern' })).toBeInTheDocument()
  })

  it('sends the stock it showed, so the server applies the change to today\'s stock', async () => {
    const bodies: unknown[] = []
    server.use(
      http.get('/api/dashboard/categories/', () => HttpResponse.json([])),
      http.get('/api/dashboard/products/42/', () => HttpResponse.json(created)),
      http.patch('/api/dashboard/products/42/', async ({ request }) => {
        bodies.push(await request.json())
        return HttpResponse.json(created)
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/products/42', signedInAs: owner })
    const variant = await screen.findByRole('group', { name: 'Variant 1' })
    await user.clear(within(variant).getByLabelText('Stock'))
    await user.type(within(variant).getByLabelText('Stock'), '12')
    await user.click(screen.getByRole('button', { name: 'Save product' }))
    await waitFor(() => expect(bodies).toHaveLength(1))
    expect((bodies[0] as { variants: unknown[] }).variants).toEqual([
      { id: 900, sku: 'HL-L', title: 'Large', options: { Size: 'Large' }, price: '7.50', compare_at_price: null,
        stock: 12, stock_was: 10 },
    ])
  })

  it('refuses an image over 10 MB before uploading it', async () => {
    server.use(
      http.get('/api/dashboard/categories/', () => HttpResponse.json([])),
      http.get('/api/dashboard/products/42/', () => HttpResponse.json(created)),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/products/42', signedInAs: owner })

    const input = await screen.findByLabelText('Image file')
    const big = new File(['x'], 'huge.png', { type: 'image/png' })
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 })
    await user.upload(input, big)
    await user.click(screen.getByRole('button', { name: 'Upload image' }))
    expect(input).toHaveAccessibleDescription(/This file is over 10 MB/)
  })
})
