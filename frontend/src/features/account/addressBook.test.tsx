import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { fakeAddressBook } from '../../test/addressBook'
import { cartLine, fakeCartApi, makeOrder } from '../../test/commerce'
import { customer, shopConfig } from '../../test/fixtures'
import { server } from '../../test/server'
import { renderApp } from '../../test/test-utils'

const home = {
  label: 'Home', full_name: 'Cy Customer', line1: '1 High Street', line2: '', city: 'Bristol', postcode: 'BS1 1AA',
  country: 'GB', phone: '', is_default: false,
}
const work = {
  label: 'Work', full_name: 'Cy Customer', line1: '2 Office Road', line2: 'Floor 3', city: 'Leeds', postcode: 'LS1 4AP',
  country: 'GB', phone: '+44 20 7946 0000', is_default: true,
}

describe('address book', { timeout: 60_000 }, () => {
  it('adds, edits, makes default and deletes addresses on the account page', async () => {
    const { book } = fakeAddressBook()
    const { user } = renderApp({ config: shopConfig, route: '/account', signedInAs: customer })

    expect(await screen.findByText(/No saved addresses yet/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Add address' }))
    let dialog = await screen.findByRole('dialog', { name: 'Add an address' })
    await user.click(within(dialog).getByRole('button', { name: 'Save address' }))
    expect(within(dialog).getByLabelText('Address line 1')).toHaveAccessibleDescription('Enter the first line of the address.')
    // The first address is the default whatever the box says, so the box is not offered.
    expect(within(dialog).queryByLabelText('Use as my default address')).not.toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Label (optional, e.g. Home)'), 'Home')
    await user.type(within(dialog).getByLabelText('Full name'), 'Cy Customer')
    await user.type(within(dialog).getByLabelText('Address line 1'), '1 High Street')
    await user.type(within(dialog).getByLabelText('Town or city'), 'Bristol')
    await user.type(within(dialog).getByLabelText('Postcode'), 'BS1 1AA')
    await user.selectOptions(within(dialog).getByLabelText('Country'), 'GB')
    await user.click(within(dialog).getByRole('button', { name: 'Save address' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    const homeCard = (await screen.findByText('Home', { selector: 'strong' })).closest('li') as HTMLElement
    expect(within(homeCard).getByText('Default')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Addresses' })).toHaveFocus()

    await user.click(screen.getByRole('button', { name: 'Add address' }))
    dialog = await screen.findByRole('dialog', { name: 'Add an address' })
    await user.type(within(dialog).getByLabelText('Label (optional, e.g. Home)'), 'Work')
    await user.type(within(dialog).getByLabelText('Full name'), 'Cy Customer')
    await user.type(within(dialog).getByLabelText('Address line 1'), '2 Office Road')
    await user.type(within(dialog).getByLabelText('Town or city'), 'Leeds')
    await user.type(within(dialog).getByLabelText('Postcode'), 'LS1 4AP')
    await user.selectOptions(within(dialog).getByLabelText('Country'), 'GB')
    await user.click(within(dialog).getByRole('button', { name: 'Save address' }))
    const workCard = (await screen.findByText('Work', { selector: 'strong' })).closest('li') as HTMLElement
    expect(within(workCard).queryByText('Default')).not.toBeInTheDocument()

    await user.click(within(workCard).getByRole('button', { name: 'Make default: Work' }))
    expect(await screen.findByText('Work is now your default address.')).toBeInTheDocument()
    await waitFor(() => expect(book()[0]).toMatchObject({ label: 'Work', is_default: true }))
    await waitFor(() => expect(within(screen.getByText('Work', { selector: 'strong' }).closest('li') as HTMLElement).getByText('Default')).toBeInTheDocument())

    await user.click(screen.getByRole('button', { name: 'Edit Home' }))
    dialog = await screen.findByRole('dialog', { name: 'Edit Home' })
    expect(within(dialog).getByLabelText('Town or city')).toHaveValue('Bristol')
    await user.clear(within(dialog).getByLabelText('Town or city'))
    await user.type(within(dialog).getByLabelText('Town or city'), 'Bath')
    await user.click(within(dialog).getByRole('button', { name: 'Save address' }))
    expect(await screen.findByText('Bath BS1 1AA')).toBeInTheDocument()
    expect(book().find((a) => a.label === 'Home')?.city).toBe('Bath')

    await user.click(screen.getByRole('button', { name: 'Delete Home' }))
    dialog = await screen.findByRole('dialog', { name: 'Delete Home?' })
    await user.click(within(dialog).getByRole('button', { name: 'Delete address' }))
    await waitFor(() => expect(screen.queryByText('Home', { selector: 'strong' })).not.toBeInTheDocument())
    expect(book().map((a) => a.label)).toEqual(['Work'])
  })

  it('fills the checkout from the default address, switches between saved ones and saves a new one', async () => {
    fakeAddressBook([home, work])
    fakeCartApi({ userLines: [cartLine(201, 1)] })
    const sent: Record<string, unknown>[] = []
    server.use(
      http.get('/api/checkout/options/', () =>
        HttpResponse.json({
          currency: 'GBP',
          shipping_rates: [{ id: 1, name: 'Standard', price: '3.95', free_over: null, price_for_cart: '3.95' }],
          tax: { rate: '20.00', included: true, label: 'VAT' },
        }),
      ),
      http.post('/api/checkout/quote/', () =>
        HttpResponse.json({ subtotal: '4.95', discount_total: '0.00', shipping_total: '3.95', tax_total: '1.48', total: '8.90', currency: 'GBP', discount: null }),
      ),
      http.post('/api/checkout/', async ({ request }) => {
        sent.push((await request.json()) as Record<string, unknown>)
        return HttpResponse.json(makeOrder({ email: customer.email }), { status: 201 })
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/checkout', signedInAs: customer })

    const workChoice = await screen.findByRole('radio', { name: /Work/ })
    await waitFor(() => expect(workChoice).toBeChecked())
    expect(screen.getByLabelText('Address line 1')).toHaveValue('2 Office Road')
    expect(screen.getByLabelText('Address line 2 (optional)')).toHaveValue('Floor 3')
    expect(screen.queryByLabelText('Save this address to my address book')).not.toBeInTheDocument()

    await user.click(screen.getByRole('radio', { name: /Home/ }))
    expect(screen.getByLabelText('Address line 1')).toHaveValue('1 High Street')
    expect(screen.getByLabelText('Town or city')).toHaveValue('Bristol')

    await user.click(screen.getByRole('radio', { name: 'A new address' }))
    expect(screen.getByLabelText('Address line 1')).toHaveValue('')
    expect(screen.getByLabelText('Full name')).toHaveValue(customer.full_name)
    await user.type(screen.getByLabelText('Address line 1'), '3 New Lane')
    await user.type(screen.getByLabelText('Town or city'), 'York')
    await user.type(screen.getByLabelText('Postcode'), 'YO1 7HH')
    await user.click(screen.getByLabelText('Save this address to my address book'))
    await user.type(screen.getByLabelText('Card number'), '4242424242424242')
    await user.type(screen.getByLabelText('Expiry month'), '12')
    await user.type(screen.getByLabelText('Expiry year'), '2099')
    await user.type(screen.getByLabelText('Security code (CVC)'), '123')
    await user.click(screen.getByRole('button', { name: 'Place order' }))

    expect(await screen.findByRole('heading', { name: 'Thank you for your order' })).toBeInTheDocument()
    expect(sent[0]).toMatchObject({
      shipping_address: { full_name: customer.full_name, line1: '3 New Lane', line2: '', city: 'York', postcode: 'YO1 7HH', country: 'GB' },
      save_address: true,
    })
  })
})
