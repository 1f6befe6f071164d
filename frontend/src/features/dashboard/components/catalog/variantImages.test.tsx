import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { lantern } from '../../../../test/commerce'
import { apiError, owner, shopConfig } from '../../../../test/fixtures'
import { server } from '../../../../test/server'
import { renderApp } from '../../../../test/test-utils'

const image = (id: number, alt: string, variant_id: number | null = null) => ({
  id, url: `/media/${id}.jpg`, thumb_url: `/media/${id}-thumb.jpg`, alt, variant_id, position: 0,
})

/** A dashboard product with three photos and two variants, served and changed in memory. */
function productWithImages({ refuseOrder = false } = {}) {
  let product = {
    id: 42, slug: 'harbour-lantern', title: 'Harbour lantern', description: '', currency: 'GBP', price: '7.50',
    compare_at_price: null, in_stock: true, category: null, category_id: null, status: 'active',
    images: [image(1, 'Front'), image(2, 'Side'), image(3, 'Brass finish')],
    options: [{ name: 'Finish', values: ['Tin', 'Brass'] }],
    variants: [
      { id: 900, sku: 'HL-T', title: 'Tin', options: { Finish: 'Tin' }, price: '7.50', compare_at_price: null, stock: 10, in_stock: true },
      { id: 901, sku: 'HL-B', title: 'Brass', options: { Finish: 'Brass' }, price: '9.50', compare_at_price: null, stock: 4, in_stock: true },
    ],
  }
  const orders: unknown[] = []
  const patches: unknown[] = []
  server.use(
    http.get('/api/dashboard/categories/', () => HttpResponse.json([])),
    http.get('/api/dashboard/products/42/', () => HttpResponse.json(product)),
    http.post('/api/dashboard/products/42/images/order/', async ({ request }) => {
      const { image_ids } = (await request.json()) as { image_ids: number[] }
      orders.push(image_ids)
      if (refuseOrder) {
        return HttpResponse.json(apiError('validation_error', 'The images changed meanwhile. Reload and try again.'), { status: 400 })
      }
      product = { ...product, images: image_ids.map((id) => product.images.find((i) => i.id === id)!) }
      return HttpResponse.json(product.images)
    }),
    http.patch('/api/dashboard/products/42/images/:imageId/', async ({ request, params }) => {
      const changes = (await request.json()) as { variant_id: number | null }
      patches.push({ image: Number(params.imageId), ...changes })
      product = { ...product, images: product.images.map((i) => (i.id === Number(params.imageId) ? { ...i, ...changes } : i)) }
      return HttpResponse.json(product.images.find((i) => i.id === Number(params.imageId)))
    }),
  )
  return { orders, patches }
}

const altsInOrder = () =>
  within(screen.getByRole('list', { name: 'Product images' }))
    .getAllByRole('img')
    .map((img) => img.getAttribute('alt'))

describe('image order and variant images', { timeout: 60_000 }, () => {
  it('reorders images from the keyboard, keeping focus on the moved image, and attaches one to a variant', async () => {
    const { orders, patches } = productWithImages()
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/products/42', signedInAs: owner })

    const moveUp = await screen.findByRole('button', { name: 'Move image 3 (Brass finish) up' })
    expect(screen.getByRole('button', { name: 'Move image 1 (Front) up' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Move image 3 (Brass finish) down' })).toBeDisabled()
    moveUp.focus()
    await user.keyboard('{Enter}')

    await waitFor(() => expect(orders).toEqual([[1, 3, 2]]))
    expect(await screen.findByText('Image moved to position 2 of 3.')).toBeInTheDocument()
    await waitFor(() => expect(altsInOrder()).toEqual(['Front', 'Brass finish', 'Side']))
    expect(screen.getByRole('button', { name: 'Move image 2 (Brass finish) up' })).toHaveFocus()

    await user.keyboard('{Enter}')
    await waitFor(() => expect(orders.at(-1)).toEqual([3, 1, 2]))
    expect(await screen.findByText('Image moved to position 1 of 3 (main image).')).toBeInTheDocument()
    // At the top its Up button is disabled, so focus moves to its Down button.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Move image 1 (Brass finish) down' })).toHaveFocus())

    await user.selectOptions(screen.getByRole('combobox', { name: 'Variant shown in image 1 (Brass finish)' }), 'Brass')
    await waitFor(() => expect(patches).toEqual([{ image: 3, variant_id: 901 }]))
    expect(await screen.findByText('Image shown for Brass.')).toBeInTheDocument()
    await user.selectOptions(screen.getByRole('combobox', { name: 'Variant shown in image 1 (Brass finish)' }), 'Every variant')
    await waitFor(() => expect(patches.at(-1)).toEqual({ image: 3, variant_id: null }))
  })

  it('puts the images back in the server’s order when it refuses the new one', async () => {
    productWithImages({ refuseOrder: true })
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/products/42', signedInAs: owner })

    await user.click(await screen.findByRole('button', { name: 'Move image 1 (Front) down' }))
    expect(await screen.findByText('The images changed meanwhile. Reload and try again.')).toBeInTheDocument()
    expect(altsInOrder()).toEqual(['Front', 'Side', 'Brass finish'])
  })

  it('shows the chosen variant’s image on the storefront', async () => {
    server.use(
      http.get('/api/catalog/products/tin-lantern/', () =>
        HttpResponse.json({
          ...lantern,
          variants: [
            { ...lantern.variants[0], image_id: 11 },
            { ...lantern.variants[1], in_stock: true, stock: 3, image_id: 12 },
          ],
        }),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/products/tin-lantern' })

    const main = async () => (await screen.findByRole('heading', { level: 1, name: 'Tin lantern' })) && document.querySelector('.gallery-main')
    expect(await main()).toHaveAttribute('src', '/media/lantern.jpg')
    await user.click(screen.getByRole('radio', { name: 'Large' }))
    expect(document.querySelector('.gallery-main')).toHaveAttribute('src', '/media/lantern-2.jpg')
    expect(screen.getByRole('button', { name: 'Show photo 2 of 2: The lantern from above' })).toHaveAttribute('aria-pressed', 'true')
    await user.click(screen.getByRole('radio', { name: 'Small' }))
    expect(document.querySelector('.gallery-main')).toHaveAttribute('src', '/media/lantern.jpg')
  })
})
