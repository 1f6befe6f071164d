import { screen } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { admin, apiError, merchant, platformConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import type { User } from '../types'

describe('platform sign-up', () => {
  it('shows field errors next to their inputs and disables submit while pending', async () => {
    server.use(
      http.post('/api/platform/auth/signup/', async () => {
        await delay(50)
        return HttpResponse.json(
          apiError('validation_error', 'Please correct the errors below.', {
            email: ['A user with that email already exists.'],
            password: ['This password is too short.'],
          }),
          { status: 400 },
        )
      }),
    )
    const { user } = renderApp({ config: platformConfig, route: '/signup' })

    await user.type(screen.getByLabelText('Email'), merchant.email)
    await user.type(screen.getByLabelText('Password'), 'short')
    await user.click(screen.getByRole('button', { name: 'Create account' }))

    expect(screen.getByRole('button', { name: 'Please wait…' })).toBeDisabled()
    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the errors below.')
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('A user with that email already exists.')
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'At least 10 characters, not a common password. This password is too short.',
    )
    expect(screen.getByRole('button', { name: 'Create account' })).toBeEnabled()
  })

  it('shows every field the server refused at once, each by its field, and focuses the first', async () => {
    server.use(
      http.post('/api/platform/auth/signup/', () =>
        HttpResponse.json(
          apiError('validation_error', 'Some fields are not valid.', {
            full_name: ['Ensure this field has no more than 120 characters.'],
            email: ['An account with this email already exists.'],
            password: ['This password is too common.', 'This password is too short.'],
          }),
          { status: 400 },
        ),
      ),
    )
    const { user } = renderApp({ config: platformConfig, route: '/signup' })
    const fullName = screen.getByLabelText('Full name (optional)')
    const email = screen.getByLabelText('Email')
    const password = screen.getByLabelText('Password')
    for (const field of [fullName, email, password]) expect(field).not.toHaveAttribute('aria-invalid')

    await user.type(fullName, 'Mia')
    await user.type(email, merchant.email)
    await user.type(password, 'password')
    await user.click(screen.getByRole('button', { name: 'Create account' }))

    await screen.findByText('An account with this email already exists.')
    for (const field of [fullName, email, password]) expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(fullName).toHaveAccessibleDescription('Ensure this field has no more than 120 characters.')
    expect(email).toHaveAccessibleDescription('An account with this email already exists.')
    expect(password).toHaveAccessibleDescription(
      'At least 10 characters, not a common password. This password is too common. This password is too short.',
    )
    // each message is the one its field's aria-describedby points at
    const emailErrors = document.getElementById(email.getAttribute('aria-describedby') ?? '')
    expect(emailErrors).toHaveTextContent('An account with this email already exists.')
    expect(fullName).toHaveFocus()
  })

  it('focuses the first refused field, not the first field, when earlier ones are fine', async () => {
    server.use(
      http.post('/api/platform/auth/signup/', () =>
        HttpResponse.json(apiError('weak_password', 'Choose a stronger password.', { password: ['This password is too common.'] }), {
          status: 400,
        }),
      ),
    )
    const { user } = renderApp({ config: platformConfig, route: '/signup' })

    await user.type(screen.getByLabelText('Email'), merchant.email)
    await user.type(screen.getByLabelText('Password'), 'password123')
    await user.click(screen.getByRole('button', { name: 'Create account' }))

    await screen.findByText('This password is too common.')
    expect(screen.getByLabelText('Password')).toHaveFocus()
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid')
  })

  it('states the password rule before the first try', async () => {
    renderApp({ config: platformConfig, route: '/signup' })

    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('At least 10 characters, not a common password.')
    expect(screen.getByText('At least 10 characters, not a common password.')).toBeVisible()
  })

  it('signs up and goes straight on to naming the shop', async () => {
    server.use(
      http.post('/api/platform/auth/signup/', () =>
        HttpResponse.json({ access: 'a', refresh: 'r', user: merchant }, { status: 201 }),
      ),
      http.get('/api/platform/auth/me/', () => HttpResponse.json(merchant)),
    )
    const { user, router } = renderApp({ config: platformConfig, route: '/signup' })

    await user.type(screen.getByLabelText('Full name (optional)'), 'Mia Merchant')
    await user.type(screen.getByLabelText('Email'), merchant.email)
    await user.type(screen.getByLabelText('Password'), 'long-enough-pass')
    await user.click(screen.getByRole('button', { name: 'Create account' }))

    expect(await screen.findByRole('heading', { name: 'Create a shop' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/shops/new')
    expect(screen.getByRole('navigation', { name: 'Main' })).toHaveTextContent(merchant.email)
  })

  it('says plainly when there were too many attempts', async () => {
    server.use(
      http.post('/api/platform/auth/signup/', () =>
        HttpResponse.json(apiError('throttled', 'Request was throttled. Expected available in 42 seconds.'), {
          status: 429,
        }),
      ),
    )
    const { user } = renderApp({ config: platformConfig, route: '/signup' })

    await user.type(screen.getByLabelText('Email'), merchant.email)
    await user.type(screen.getByLabelText('Password'), 'long-enough-pass')
    await user.click(screen.getByRole('button', { name: 'Create account' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in a minute.')
    expect(screen.queryByText(/throttled/)).not.toBeInTheDocument()
  })
})

describe('platform log-in', () => {
  function logInAs(account: User) {
    server.use(
      http.post('/api/platform/auth/login/', () => HttpResponse.json({ access: 'a', refresh: 'r', user: account })),
      http.get('/api/platform/auth/me/', () => HttpResponse.json(account)),
      http.get('/api/platform/shops/', () => HttpResponse.json({ count: 0, results: [] })),
      http.get('/api/platform/admin/shops/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
    )
    return renderApp({ config: platformConfig, route: '/login' })
  }

  it('takes a platform admin to the admin page', async () => {
    const { user, router } = logInAs(admin)

    await user.type(screen.getByLabelText('Email'), admin.email)
    await user.type(screen.getByLabelText('Password'), 'admin-pass-123')
    await user.click(screen.getByRole('button', { name: 'Log in' }))

    expect(await screen.findByRole('heading', { name: 'All shops' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/admin')
  })

  it('takes a merchant to My shops', async () => {
    const { user, router } = logInAs(merchant)

    await user.type(screen.getByLabelText('Email'), merchant.email)
    await user.type(screen.getByLabelText('Password'), 'merchant-pass-123')
    await user.click(screen.getByRole('button', { name: 'Log in' }))

    expect(await screen.findByRole('heading', { name: 'My shops' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/shops')
    // No rule to read out on a log-in form.
    expect(screen.queryByText('At least 10 characters, not a common password.')).not.toBeInTheDocument()
  })
})
