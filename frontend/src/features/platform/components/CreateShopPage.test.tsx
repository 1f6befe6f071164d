import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, merchant, platformConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import { SUBDOMAIN_CHECK_DELAY_MS } from './SubdomainStatus'

function fakeSubdomainApi() {
  const checked: string[] = []
  server.use(
    http.get('/api/platform/subdomains/:sub/', ({ params }) => {
      const sub = String(params.sub)
      checked.push(sub)
      if (sub === 'taken') {
        return HttpResponse.json({ subdomain: sub, available: false, code: 'taken', message: 'This subdomain is already taken.' })
      }
      if (!/^[a-z0-9-]+$/.test(sub)) {
        return HttpResponse.json({
          subdomain: sub,
          available: false,
          code: 'invalid',
          message: 'Use only lowercase letters, numbers and hyphens.',
        })
      }
      return HttpResponse.json({ subdomain: sub, available: true, code: null, message: '' })
    }),
  )
  return checked
}

function renderCreateShop() {
  return renderApp({ config: platformConfig, signedInAs: merchant, route: '/shops/new' })
}

describe('CreateShopPage', () => {
  it('suggests a subdomain from the name and checks it once typing pauses', async () => {
    const checked = fakeSubdomainApi()
    const { user } = renderCreateShop()

    await user.type(screen.getByLabelText('Shop name'), 'Acme Corp')

    expect(screen.getByLabelText(/^Subdomain/)).toHaveValue('acme-corp')
    const status = await screen.findByText('acme-corp.localhost:8000 is available')
    expect(status).toHaveAttribute('aria-live', 'polite')
    expect(screen.getByLabelText(/^Subdomain/)).toHaveAccessibleDescription(
      expect.stringContaining('acme-corp.localhost:8000 is available'),
    )
    // Debounced: no request for the half-typed "a", "ac", ... values.
    expect(checked).toEqual(['acme-corp'])
  })

  it('says why a subdomain is taken or invalid, and marks the field invalid', async () => {
    const checked = fakeSubdomainApi()
    const { user } = renderCreateShop()
    const subdomain = screen.getByLabelText(/^Subdomain/)

    await user.type(subdomain, 'taken')
    expect(await screen.findByText('This subdomain is already taken.')).toBeInTheDocument()
    expect(subdomain).toHaveAttribute('aria-invalid', 'true')

    await user.clear(subdomain)
    await user.type(subdomain, 'fine-name')
    expect(await screen.findByText(/fine-name\.localhost:8000 is available/)).toBeInTheDocument()
    expect(subdomain).not.toHaveAttribute('aria-invalid')
    expect(checked).toEqual(['taken', 'fine-name'])
  })

  it('refuses impossible characters at once, without asking the server', async () => {
    const checked = fakeSubdomainApi()
    const created: unknown[] = []
    server.use(
      http.post('/api/platform/shops/', async ({ request }) => {
        created.push(await request.json())
        return HttpResponse.json({}, { status: 500 })
      }),
    )
    const { user } = renderCreateShop()
    const subdomain = screen.getByLabelText(/^Subdomain/)

    for (const value of ['a/b', '..', 'Bad_Name']) {
      await user.clear(subdomain)
      await user.type(subdomain, value)
      expect(screen.getByText('Use only lowercase letters, digits and hyphens.')).toBeInTheDocument()
      expect(subdomain).toHaveAttribute('aria-invalid', 'true')
      expect(subdomain).toHaveAccessibleDescription(expect.stringContaining('Use only lowercase letters, digits and hyphens.'))
    }
    await user.type(screen.getByLabelText('Shop name'), 'Acme')
    await user.click(screen.getByRole('button', { name: 'Create shop' }))

    expect(subdomain).toHaveFocus()
    // Wait past the debounce: still nothing sent.
    await new Promise((resolve) => setTimeout(resolve, SUBDOMAIN_CHECK_DELAY_MS + 100))
    expect(checked).toEqual([])
    expect(created).toEqual([])
  })

  it('shows a refused subdomain once after submitting', async () => {
    fakeSubdomainApi()
    server.use(
      http.get('/api/platform/subdomains/:sub/', ({ params }) =>
        HttpResponse.json({ subdomain: params.sub, available: false, code: 'reserved', message: 'This name is reserved.' }),
      ),
      http.post('/api/platform/shops/', () =>
        HttpResponse.json(apiError('subdomain_reserved', 'This name is reserved.', { subdomain: ['This name is reserved.'] }), {
          status: 400,
        }),
      ),
    )
    const { user } = renderCreateShop()

    await user.type(screen.getByLabelText('Shop name'), 'Shop')
    expect(await screen.findByText('This name is reserved.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Create shop' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the errors below.')
    expect(screen.getAllByText('This name is reserved.')).toHaveLength(1)
    expect(screen.getByLabelText(/^Subdomain/)).toHaveAttribute('aria-invalid', 'true')
  })

  it('shows a refused name and subdomain together and focuses the name', async () => {
    fakeSubdomainApi()
    server.use(
      http.post('/api/platform/shops/', () =>
        HttpResponse.json(
          apiError('validation_error', 'Some fields are not valid.', {
            name: ['Ensure this field has no more than 80 characters.'],
            subdomain: ['This subdomain is already taken.'],
          }),
          { status: 400 },
        ),
      ),
    )
    const { user } = renderCreateShop()
    const name = screen.getByLabelText('Shop name')
    const subdomain = screen.getByLabelText(/^Subdomain/)

    await user.type(name, 'Long')
    await user.clear(subdomain)
    await user.type(subdomain, 'long-name')
    await user.click(screen.getByRole('button', { name: 'Create shop' }))

    expect(await screen.findByText('Ensure this field has no more than 80 characters.')).toBeInTheDocument()
    expect(name).toHaveAttribute('aria-invalid', 'true')
    expect(name).toHaveAccessibleDescription('Ensure this field has no more than 80 characters.')
    expect(subdomain).toHaveAttribute('aria-invalid', 'true')
    expect(subdomain).toHaveAccessibleDescription(expect.stringContaining('This subdomain is already taken.'))
    expect(name).toHaveFocus()
  })

  it('creates the shop and shows its live URL with storefront and dashboard links', async () => {
    fakeSubdomainApi()
    let created: unknown
    server.use(
      http.post('/api/platform/shops/', async ({ request }) => {
        created = await request.json()
        return HttpResponse.json(
          {
            id: 7,
            name: 'Acme',
            subdomain: 'acme',
            url: 'http://acme.localhost:8000/',
            status: 'active',
            plan: { code: 'free', name: 'Free' },
            created_at: '2025-01-01T00:00:00Z',
          },
          { status: 201 },
        )
      }),
    )
    const { user } = renderCreateShop()

    await user.type(screen.getByLabelText('Shop name'), 'Acme')
    await user.click(screen.getByRole('button', { name: 'Create shop' }))

    expect(await screen.findByRole('heading', { name: 'Acme is live' })).toBeInTheDocument()
    expect(created).toEqual({ name: 'Acme', subdomain: 'acme' })
    expect(screen.getByRole('link', { name: 'Visit storefront' })).toHaveAttribute('href', 'http://acme.localhost:8000/')
    expect(screen.getByRole('button', { name: /Open dashboard/ })).toBeEnabled()
  })

  it('shows field errors from the server next to their inputs', async () => {
    fakeSubdomainApi()
    server.use(
      http.post('/api/platform/shops/', () =>
        HttpResponse.json(
          apiError('validation_error', 'Please correct the errors below.', {
            subdomain: ['That subdomain was just taken.'],
          }),
          { status: 400 },
        ),
      ),
    )
    const { user } = renderCreateShop()

    await user.type(screen.getByLabelText('Shop name'), 'Acme')
    await user.click(screen.getByRole('button', { name: 'Create shop' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the errors below.')
    await waitFor(() => expect(screen.getByLabelText(/^Subdomain/)).toHaveAttribute('aria-invalid', 'true'))
    expect(screen.getByLabelText(/^Subdomain/)).toHaveAccessibleDescription(
      expect.stringContaining('That subdomain was just taken.'),
    )
  })
})
