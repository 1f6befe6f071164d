import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, owner, shopConfig } from '../../../../test/fixtures'
import { server } from '../../../../test/server'
import { renderApp } from '../../../../test/test-utils'
import type { Discount, ShippingRate, ShippingZone, TaxRate } from '../../settingsApi'

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
const restOfWorld: ShippingZone = { id: 7, name: 'Rest of world', countries: [], rest_of_world: true }
const europe: ShippingZone = { id: 8, name: 'Europe', countries: ['DE', 'FR'], rest_of_world: false }

describe('Shipping rates', () => {
  it('lists, creates, edits and deletes rates', async () => {
    fakeCrud('shipping-zones', [restOfWorld])
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
  }, 30_000)

  it('invites the merchant to add the first rate', async () => {
    fakeCrud('shipping-zones', [restOfWorld])
    fakeCrud('shipping-rates', [])
    renderApp({ config: shopConfig, route: '/dashboard/shipping', signedInAs: owner })

    expect(await screen.findByText('No shipping rates yet')).toBeInTheDocument()
    expect(screen.getByText('Add at least one rate so shoppers can check out.')).toBeInTheDocument()
  })
})

describe('Shipping zones', () => {
  it('lists zones by country, creates one checked on the client, and puts a rate in it', async () => {
    const zonesSent = fakeCrud('shipping-zones', [restOfWorld, europe])
    const ratesSent = fakeCrud('shipping-rates', [{ ...standard, zone_id: 7 }])
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/shipping', signedInAs: owner })

    const zones = await screen.findByRole('region', { name: 'Shipping zone list' })
    expect(within(zones).getByRole('row', { name: /Europe/ })).toHaveTextContent('Germany, France')
    expect(within(zones).getByRole('row', { name: /Rest of world/ })).toHaveTextContent('Every country not in another zone')
    const rates = await screen.findByRole('region', { name: 'Shipping rate list' })
    await waitFor(() => expect(within(rates).getByRole('row', { name: /Standard/ })).toHaveTextContent('Rest of world'))

    await user.click(screen.getByRole('button', { name: 'New zone' }))
    const dialog = screen.getByRole('dialog', { name: 'New zone' })
    await user.type(within(dialog).getByLabelText('Name'), 'Domestic')
    await user.type(within(dialog).getByLabelText('Countries'), 'gb, 1x')
    await user.click(within(dialog).getByRole('button', { name: 'Create zone' }))
    expect(within(dialog).getByLabelText('Countries')).toHaveAccessibleDescription(
      'Two-letter codes, separated by commas: United Kingdom. Use two-letter country codes: 1X is not one.',
    )
    expect(zonesSent).toEqual([])
    await user.clear(within(dialog).getByLabelText('Countries'))
    await user.type(within(dialog).getByLabelText('Countries'), 'gb, ie')
    await user.click(within(dialog).getByRole('button', { name: 'Create zone' }))
    expect(await screen.findByText('Zone Domestic saved.')).toBeInTheDocument()
    expect(zonesSent).toEqual([
      { method: 'POST', body: { name: 'Domestic', countries: ['GB', 'IE'], rest_of_world: false } },
    ])

    await user.click(screen.getByRole('button', { name: 'Edit Standard' }))
    const rateDialog = screen.getByRole('dialog', { name: 'Edit Standard' })
    await user.selectOptions(within(rateDialog).getByLabelText('Zone'), 'Europe')
    await user.click(within(rateDialog).getByRole('button', { name: 'Save rate' }))
    expect(await screen.findByText('Shipping rate Standard saved.')).toBeInTheDocument()
    expect(ratesSent).toEqual([
      { method: 'PATCH', id: '1', body: { name: 'Standard', price: '3.95', free_over: '50.00', active: true, zone_id: 8 } },
    ])
  }, 30_000)
})

describe('Tax', () => {
  it('keeps a default rate and adds rates by country', async () => {
    server.use(
      http.get('/api/dashboard/settings/', () =>
        HttpResponse.json({ tax_rate: '20.00', prices_include_tax: true, tax_label: 'VAT' }),
      ),
    )
    const de: TaxRate = { id: 1, country: 'DE', rate: '19.00', label: '' }
    const sent = fakeCrud('tax-rates', [de])
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/tax', signedInAs: owner })

    // the field is on screen before the shop's settings arrive: wait for the value, not the field
    await waitFor(() => expect(screen.getByLabelText('Default tax rate (%)')).toHaveValue('20.00'))
    const table = await screen.findByRole('region', { name: 'Tax rates by country' })
    const row = await within(table).findByRole('row', { name: /Germany/ })
    expect(row).toHaveTextContent('19%')
    expect(row).toHaveTextContent('VAT')

    await user.click(screen.getByRole('button', { name: 'New country rate' }))
    const dialog = screen.getByRole('dialog', { name: 'New country rate' })
    await user.type(within(dialog).getByLabelText('Country code'), 'fr')
    expect(within(dialog).getByLabelText('Country code')).toHaveAccessibleDescription('France')
    await user.type(within(dialog).getByLabelText('Tax rate (%)'), '150')
    await user.click(within(dialog).getByRole('button', { name: 'Create rate' }))
    expect(within(dialog).getByLabelText('Tax rate (%)')).toHaveAccessibleDescription(
      'Enter a rate from 0 to 100, like 19 or 5.5.',
    )
    await user.clear(within(dialog).getByLabelText('Tax rate (%)'))
    await user.type(within(dialog).getByLabelText('Tax rate (%)'), '5.5')
    await user.type(within(dialog).getByLabelText('Label (optional)'), 'TVA')
    await user.click(within(dialog).getByRole('button', { name: 'Create rate' }))
    expect(await screen.findByText('Tax rate for France saved.')).toBeInTheDocument()
    expect(await within(table).findByRole('row', { name: /France/ })).toHaveTextContent('TVA')
    expect(sent).toEqual([{ method: 'POST', body: { country: 'FR', rate: '5.5', label: 'TVA' } }])
  }, 30_000)
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
