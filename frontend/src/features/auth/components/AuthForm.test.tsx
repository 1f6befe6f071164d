import { screen } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, merchant, platformConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

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
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('This password is too short.')
    expect(screen.getByRole('button', { name: 'Create account' })).toBeEnabled()
  })

  it('signs up and lands on My shops', async () => {
    server.use(
      http.post('/api/platform/auth/signup/', () =>
        HttpResponse.json({ access: 'a', refresh: 'r', user: merchant }, { status: 201 }),
      ),
      http.get('/api/platform/auth/me/', () => HttpResponse.json(merchant)),
      http.get('/api/platform/shops/', () => HttpResponse.json({ count: 0, results: [] })),
    )
    const { user, router } = renderApp({ config: platformConfig, route: '/signup' })

    await user.type(screen.getByLabelText('Full name (optional)'), 'Mia Merchant')
    await user.type(screen.getByLabelText('Email'), merchant.email)
    await user.type(screen.getByLabelText('Password'), 'long-enough-pass')
    await user.click(screen.getByRole('button', { name: 'Create account' }))

    expect(await screen.findByRole('heading', { name: 'My shops' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/shops')
    expect(screen.getByRole('navigation', { name: 'Main' })).toHaveTextContent(merchant.email)
  })
})
