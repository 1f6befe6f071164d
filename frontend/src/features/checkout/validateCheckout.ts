import type { FieldErrors } from '../../lib/apiError'
import { validatePayment, type PaymentInput } from '../../lib/payment'
import type { Address, Id } from '../../types/commerce'
import type { CheckoutRequest } from './checkoutApi'

export interface CheckoutDraft {
  /** Signed-in shoppers send no email: the receipt goes to the account's. */
  signedIn: boolean
  email: string
  address: Address
  rateId: Id | undefined
  appliedCode: string
  payment: PaymentInput
  /** Paying through Stripe: its card element checks the card, and the payment method is added later. */
  stripe?: boolean
  saveAddress?: boolean
}

const REQUIRED_ADDRESS: [keyof Address, string][] = [
  ['full_name', 'Enter the full name for delivery.'],
  ['line1', 'Enter the first line of the address.'],
  ['city', 'Enter the town or city.'],
  ['postcode', 'Enter the postcode.'],
  ['country', 'Choose a country.'],
]

/** Checks the form in the browser (field paths as the server names them) and builds the request. */
export function validateCheckout(draft: CheckoutDraft): { body: CheckoutRequest | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const email = draft.email.trim()
  if (!draft.signedIn) {
    if (!email) errors.email = ['Enter your email address.']
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = ['Enter an email address like name@example.com.']
  }
  for (const [name, message] of REQUIRED_ADDRESS) {
    if (!draft.address[name].trim()) errors[`shipping_address.${name}`] = [message]
  }
  if (draft.rateId === undefined) errors.shipping_rate_id = ['Choose a delivery option.']
  const checked = draft.stripe ? { payment: { payment_method: '' }, errors: {} } : validatePayment(draft.payment)
  Object.assign(errors, checked.errors)
  if (Object.keys(errors).length || !checked.payment || draft.rateId === undefined) return { body: null, errors }
  const address = Object.fromEntries(
    Object.entries(draft.address).map(([name, value]) => [name, value.trim()]),
  ) as unknown as Address
  return {
    body: {
      ...(draft.signedIn ? {} : { email }),
      shipping_address: address,
      shipping_rate_id: draft.rateId,
      ...(draft.appliedCode ? { discount_code: draft.appliedCode } : {}),
      payment: checked.payment,
      ...(draft.signedIn && draft.saveAddress ? { save_address: true } : {}),
    },
    errors,
  }
}
