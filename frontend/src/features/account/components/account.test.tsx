import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, customer, owner, shopConfig, staff } from '../../../test/fixtures'
import { issueTokens, server, userFor } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import type { User } from '../../auth/types'

const support: User = {
  id: 13,
  email: 'support@acme.test',
  full_name: 'Sue Support',
  role: 'support',
  permissions: { overview: 'read', orders: 'read', customers: 'read', support: 'write' },
}

describe('password reset', () => {
  it('asks for the e-mail and says the same thing whoever it is', async () => {
    const asked: unknown[] = []
    server.use(
      http.post('/api/auth/password-reset/', async ({ request }) => {
        asked.push(await request.json())
        return HttpResponse.json(
          { detail: 'If an account exists for this e-mail, we sent a link to reset its password.' },
          { status: 202 },
        )
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/account/login' })
    await user.click(screen.getByRole('link', { name: 'Forgot your password?' }))
    await user.type(await screen.findByLabelText('Email'), 'someone@acme.test')
    await user.click(screen.getByRole('button', { name: 'Send the link' }))
    expect(await within(screen.getByRole('main')).findByRole('status')).toHaveTextContent('If an account exists for this e-mail')
    expect(asked).toEqual([{ email: 'someone@acme.test' }])
  })

  it('sets the new password from the link, and explains a used link', async () => {
    let uses = 0
    server.use(
      http.post('/api/auth/password-reset/confirm/', async ({ request }) => {
        const body = (await request.json()) as { uid: string; token: string; password: string }
        uses += 1
        if (uses > 1 || body.uid !== 'MTI' || body.token !== 'tok-1') {
          return HttpResponse.json(apiError('reset_link_invalid', 'This reset link is invalid, used or expired.'), {
            status: 400,
          })
        }
        return HttpResponse.json({ detail: 'Your password has been changed. Sign in with the new one.' })
      }),
    )
    const { user, unmount } = renderApp({ config: shopConfig, route: '/reset-password?uid=MTI&token=tok-1' })
    await user.type(screen.getByLabelText('New password'), 'a-new-long-passphrase')
    await user.click(screen.getByRole('button', { name: 'Save the new password' }))
    const done = await within(screen.getByRole('main')).findByRole('status')
    expect(done).toHaveTextContent('Your password has been changed')
    expect(within(done).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/account/login')
    unmount()

    const again = renderApp({ config: shopConfig, route: '/reset-password?uid=MTI&token=tok-1' })
    await again.user.type(screen.getByLabelText('New password'), 'a-new-long-passphrase')
    await again.user.click(screen.getByRole('button', { name: 'Save the new password' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('invalid, used or expired')
    expect(within(alert).getByRole('link', { name: 'Ask for a new link' })).toBeInTheDocument()
  })

  it('marks a refused new password by its field and moves focus back to it', async () => {
    server.use(
      http.post('/api/auth/password-reset/confirm/', () =>
        HttpResponse.json(apiError('weak_password', 'Choose a stronger password.', { password: ['This password is too common.'] }), {
          status: 400,
        }),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/reset-password?uid=MTI&token=tok-1' })
    const password = screen.getByLabelText('New password')
    await user.type(password, 'password123')
    await user.click(screen.getByRole('button', { name: 'Save the new password' }))

    await screen.findByText('This password is too common.')
    expect(password).toHaveAttribute('aria-invalid', 'true')
    expect(password).toHaveAccessibleDescription(expect.stringContaining('This password is too common.'))
    expect(password).toHaveFocus()
  })

  it('confirms an e-mail address once from its link', async () => {
    const verified: unknown[] = []
    server.use(
      http.post('/api/auth/verify-email/', async ({ request }) => {
        verified.push(await request.json())
        return HttpResponse.json({ ...customer, email_verified: true })
      }),
    )
    renderApp({ config: shopConfig, route: '/verify-email?token=abc' })
    expect(await screen.findByText('Your e-mail address is confirmed.')).toBeInTheDocument()
    expect(verified).toEqual([{ token: 'abc' }]) // StrictMode runs the effect twice; one request
  })
})

describe('sign out everywhere', () => {
  it('ends every session and returns to the sign-in page', async () => {
    let ended = false
    server.use(
      http.post('/api/auth/logout-everywhere/', ({ request }) => {
        ended = Boolean(userFor(request))
        return new HttpResponse(null, { status: 204 })
      }),
    )
    const { user, router, store } = renderApp({
      config: shopConfig,
      route: '/account/security',
      signedInAs: { ...customer, email_verified: true },
    })
    expect(await screen.findByText('Confirmed')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }))
    await user.click(screen.getByRole('button', { name: 'Yes, sign out everywhere' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/login'))
    expect(ended).toBe(true)
    expect(store.getState().auth.access).toBeNull()
  })
})

function fakeStaffApi(members: User[]) {
  const invited: unknown[] = []
  server.use(
    http.get('/api/dashboard/staff/', () =>
      HttpResponse.json({
        count: members.length,
        results: members.map((m) => ({ ...m, date_joined: '2026-01-02T10:00:00Z' })),
      }),
    ),
    http.get('/api/dashboard/staff/invitations/', () => HttpResponse.json([])),
    http.post('/api/dashboard/staff/invitations/', async ({ request }) => {
      const body = (await request.json()) as { email: string; role: string }
      invited.push(body)
      if (body.email === 'taken@acme.test') {
        return HttpResponse.json(
          apiError('already_staff', 'This person is already on the staff.', {
            email: ['This person is already on the staff.'],
          }),
          { status: 400 },
        )
      }
      return HttpResponse.json(
        { id: 1, ...body, state: 'pending', invited_by: owner.email, created_at: '', expires_at: '2026-12-09' },
        { status: 201 },
      )
    }),
    http.get('/api/dashboard/overview/', () =>
      HttpResponse.json({
        shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP', plan: { code: 'free', name: 'Free' } },
        counts: { products: 1, customers: 1, staff: members.length },
      }),
    ),
  )
  return invited
}

describe('staff page', () => {
  it('lets the owner invite by e-mail with a role, and shows why an invitation is refused', async () => {
    const invited = fakeStaffApi([owner, staff])
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/staff', signedInAs: owner })
    expect(await screen.findByRole('cell', { name: 'staff@acme.test' })).toBeInTheDocument()
    // the owner's own row has no controls; the staff member's has a role picker
    expect(screen.getByLabelText('Role of staff@acme.test')).toHaveValue('staff')
    expect(screen.queryByLabelText('Role of owner@acme.test')).not.toBeInTheDocument()

    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'taken@acme.test')
    await user.click(screen.getByRole('button', { name: 'Send invitation' }))
    expect(await screen.findByText('This person is already on the staff.', { selector: 'li' })).toBeInTheDocument()

    await user.clear(screen.getByRole('textbox', { name: 'Email' }))
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'helper@acme.test')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'support')
    await user.click(screen.getByRole('button', { name: 'Send invitation' }))
    expect(await screen.findByText(/Invitation sent to helper@acme.test/)).toBeInTheDocument()
    expect(invited).toEqual([
      { email: 'taken@acme.test', role: 'staff' },
      { email: 'helper@acme.test', role: 'support' },
    ])
  })

  it('shows a support member only the sections the role allows, and no staff controls', async () => {
    fakeStaffApi([owner, support])
    server.use(http.get('/api/auth/me/', () => HttpResponse.json(support)))
    renderApp({ config: shopConfig, route: '/dashboard', signedInAs: support })
    const nav = await screen.findByRole('navigation', { name: 'Dashboard' })
    expect(within(nav).getByRole('link', { name: 'Orders' })).toBeInTheDocument()
    expect(within(nav).getByRole('link', { name: 'Customers' })).toBeInTheDocument()
    expect(within(nav).queryByRole('link', { name: 'Products' })).not.toBeInTheDocument()
    expect(within(nav).queryByRole('link', { name: 'Staff' })).not.toBeInTheDocument()
  })
})

describe('accepting an invitation', () => {
  it('shows whom it is for, takes a password and opens the dashboard signed in', async () => {
    const helper: User = { ...support, email: 'helper@acme.test' }
    server.use(
      http.post('/api/auth/invitations/preview/', () =>
        HttpResponse.json({ email: 'helper@acme.test', role: 'support' }),
      ),
      http.post('/api/auth/invitations/accept/', () =>
        HttpResponse.json({ ...issueTokens(helper), user: helper }, { status: 201 }),
      ),
      http.get('/api/dashboard/overview/', () =>
        HttpResponse.json({
          shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP', plan: { code: 'free', name: 'Free' } },
          counts: { products: 1, customers: 1, staff: 2 },
        }),
      ),
    )
    const { user, router } = renderApp({ config: shopConfig, route: '/accept-invitation?token=t1' })
    expect(await screen.findByText(/You are invited to join as support/)).toHaveTextContent('helper@acme.test')
    await user.type(screen.getByLabelText('Password'), 'a-long-enough-passphrase')
    await user.click(screen.getByRole('button', { name: 'Join the team' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'))
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument()
  })
})
