import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, owner, shopConfig } from '../../../../test/fixtures'
import { server } from '../../../../test/server'
import { renderApp } from '../../../../test/test-utils'
import type { Discount, ShippingRate } from '../../settingsApi'

/** An in-memory list endpoint with create, update and delete, recording what was sent. */
function fakeCrud<T extends { id: number | string }>(path: string, initial: T[], refuse?: (body: Partial<T>) => Response | null) {
  let items = [...initial]
  const sent: { method: string; id?: string; body?: unknown }[] = []
  server.use(
    http.get(`/api/dashboard/${path}/`, () => HttpResponse.json(items)),
    http.post(`/api/dashboard/${path}/`, async ({ request }) => {
      const body = (await request.json()) as Partial<T>
      sent.push({ method: 'POST', body })
      const refused = refuse?.(body)
      if (refused) return refused
      const created = { ...body, id: 100 + items.length } as T
      items = [...items, created]
      return HttpResponse.json(created, { status: 201 })
    }),
    http.patch(`/api/dashboard/${path}/:id/`, async ({ request, params }) => {
      const body = (await request.json()) as Partial<T>
      sent.push({ method: 'PATCH', id: String(params.id), body })
      items = items.map((item) => (String(item.id) === params.id ? { ...item, ...body } : item))
      return HttpResponse.json(items.find((item) => String(item.id) === params.id))
    }),
    http.delete(`/api/dashboard/${path}/:id/`, ({ params }) => {
      sent.push({ method: 'DELETE', id: String(params.id) })
      items = items.filter((item) => String(item.id) !== params.id)
      return new HttpResponse(null, { status: 204 })
    }),
  )
  return sent
}

const standard: ShippingRate = { id: 1, name: 'Standard', price: '3.95', free_over: '50.00', active: true }
const express: ShippingRate = { id: 2, name: 'Express', price: '9.95', free_over: null, active: false }

describe('Shipping rates', () => {
  it('lists, creates, edits and deletes rates', async () => {
    const sent = fakeCrud('shipping-rates', [standard, express], (body) =>
      body.name === 'Standard'
        ? HttpResponse.json(apiError('validation_error', 'Some fields are not valid.', { name: ['A rate with this name exists.'] }), {
            status: 400,
          })
        : null,
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/shipping', signedInAs: owner })

    const table = await screen.findByRole('region', { name: 'Shipping rate list' })
    const row = within(table).getByRole('row', { name: /Standard/ })
    expect(row).toHaveTextContent('£3.95')
    expect(row).toHaveTextContent('£50.00')
    expect(row).toHaveTextContent('Active')
    expect(within(table).getByRole('row', { name: /Express/ })).toHaveTextContent('Inactive')

    // New: checked on the client first, then the server's field error lands on its input.
    await user.click(screen.getByRole('button', { name: 'New shipping rate' }))
    let dialog = screen.getByRole('dialog', { name: 'New shipping rate' })
    await user.click(within(dialog).getByRole('button', { name: 'Create rate' }))
    expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription('Enter a name, like Standard.')
    expect(sent).toEqual([])

    await user.type(within(dialog).getByLabelText('Name'), 'Standard')
    await user.type(within(dialog).getByLabelText('Price (GBP)'), '4.50')
    await user.click(within(dialog).getByRole('button', { name: 'Create rate' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Some fields are not valid.')
    expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription('A rate with this name exists.')

    await user.clear(within(dialog).getByLabelText('Name'))
    await user.type(within(dialog).getByLabelText('Name'), 'Next day')
    await user.click(within(dialog).getByRole('button', { name: 'Create rate' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await screen.findByText('Shipping rate Next day saved.')).toBeInTheDocument()
    expect(await within(table).findByRole('row', { name: /Next day/ })).toHaveTextContent('£4.50')

    // Edit
    await user.click(screen.getByRole('button', { name: 'Edit Express' }))
    dialog = screen.getByRole('dialog', { name: 'Edit Express' })
    expect(within(dialog).getByLabelText('Price (GBP)')).toHaveValue('9.95')
    await user.click(within(dialog).getByLabelText('Active'))
    await user.click(within(dialog).getByRole('button', { name: 'Save rate' }))
    expect(await screen.findByText('Shipping rate Express saved.')).toBeInTheDocument()
    await waitFor(() => expect(within(table).getByRole('row', { name: /Express/ })).toHaveTextContent('Active'))

    // Delete, after a confirmation that can be declined
    await user.click(screen.getByRole('button', { name: 'Delete Standard' }))
    dialog = screen.getByRole('dialog', { name: 'Delete shipping rate Standard?' })
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Delete Standard' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete rate' }))
    expect(await screen.findByText('Shipping rate Standard deleted.')).toBeInTheDocument()
    await waitFor(() => expect(within(table).queryByRole('row', { name: /Standard/ })).not.toBeInTheDocument())

    expect(sent).toEqual([
      { method: 'POST', body: { name: 'Standard', price: '4.50', free_over: null, active: true } },
      { method: 'POST', body: { name: 'Next day', price: '4.50', free_over: null, active: true } },
      { method: 'PATCH', id: '2', body: { name: 'Express', price: '9.95', free_over: null, active: true } },
      { method: 'DELETE', id: '1' },
    ])
  })

  it('invites the merchant to add the first rate', async () => {
    fakeCrud('shipping-rates', [])
    renderApp({ config: shopConfig, route: '/dashboard/shipping', signedInAs: owner })

    expect(await screen.findByText('No shipping rates yet')).toBeInTheDocument()
    expect(screen.getByText('Add at least one rate so shoppers can check out.')).toBeInTheDocument()
  })
})

describe('Discounts', () => {
  const welcome: Discount = {
    id: 1,
    code: 'WELCOME10',
    kind: 'percent',
    value: '10.00',
    min_subtotal: '20.00',
    starts_at: null,
    ends_at: null,
    usage_limit: 100,
    times_used: 3,
    active: true,
    state: 'active',
  }

  it('lists codes, creates one and deletes one', async () => {
    const sent = fakeCrud('discounts', [welcome])
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/discounts', signedInAs: owner })

    const row = await screen.findByRole('row', { name: /WELCOME10/ })
    expect(row).toHaveTextContent('10% off')
    expect(row).toHaveTextContent('£20.00')
    expect(row).toHaveTextContent('From now')
    expect(row).toHaveTextContent('No end date')
    expect(row).toHaveTextContent('3 of 100')
    expect(row).toHaveTextContent('Active')

    await user.click(screen.getByRole('button', { name: 'New discount' }))
    const dialog = screen.getByRole('dialog', { name: 'New discount' })
    await user.type(within(dialog).getByLabelText('Code'), 'summer')
    await user.selectOptions(within(dialog).getByLabelText('Type'), 'fixed')
    await user.type(within(dialog).getByLabelText('Amount off (GBP)'), '5')
    await user.click(within(dialog).getByRole('button', { name: 'Create discount' }))
    expect(await screen.findByText('Discount SUMMER saved.')).toBeInTheDocument()
    expect(await screen.findByRole('row', { name: /SUMMER/ })).toHaveTextContent('£5.00 off')

    await user.click(screen.getByRole('button', { name: 'Delete WELCOME10' }))
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete discount WELCOME10?' })).getByRole('button', { name: 'Delete discount' }),
    )
    expect(await screen.findByText('Discount WELCOME10 deleted.')).toBeInTheDocument()

    expect(sent).toEqual([
      {
        method: 'POST',
        body: {
          code: 'SUMMER',
          kind: 'fixed',
          value: '5',
          min_subtotal: '0.00',
          starts_at: null,
          ends_at: null,
          usage_limit: null,
          active: true,
        },
      },
      { method: 'DELETE', id: '1' },
    ])
  })

  it('shows what a shopper would meet: scheduled, expired, used up or disabled', async () => {
    fakeCrud('discounts', [
      { ...welcome, id: 2, code: 'SOON', state: 'scheduled', starts_at: '2031-01-01T09:00:00Z' },
      { ...welcome, id: 3, code: 'GONE', state: 'expired', ends_at: '2020-01-01T09:00:00Z' },
      { ...welcome, id: 4, code: 'SPENT', state: 'used_up', times_used: 100 },
      { ...welcome, id: 5, code: 'OFF', state: 'disabled', active: false },
    ])
    renderApp({ config: shopConfig, route: '/dashboard/discounts', signedInAs: owner })
    expect(await screen.findByRole('row', { name: /SOON/ })).toHaveTextContent('Scheduled')
    expect(screen.getByRole('row', { name: /GONE/ })).toHaveTextContent('Expired')
    expect(screen.getByRole('row', { name: /SPENT/ })).toHaveTextContent('Used up')
    expect(screen.getByRole('row', { name: /OFF/ })).toHaveTextContent('Disabled')
    expect(screen.queryByText('Active')).not.toBeInTheDocument()
  })

  it('refuses a new code whose end has passed before sending it', async () => {
    const sent = fakeCrud('discounts', [])
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/discounts', signedInAs: owner })
    await user.click(await screen.findByRole('button', { name: 'New discount' }))
    const dialog = screen.getByRole('dialog', { name: 'New discount' })
    await user.type(within(dialog).getByLabelText('Code'), 'late')
    await user.type(within(dialog).getByLabelText('Percent off'), '10')
    await user.type(within(dialog).getByLabelText('Ends (optional)'), '2020-01-01T09:00')
    await user.click(within(dialog).getByRole('button', { name: 'Create discount' }))
    expect(within(dialog).getByLabelText('Ends (optional)')).toHaveAccessibleDescription(
      'This date has passed: choose an end in the future.',
    )
    expect(sent).toEqual([])
  })
})
