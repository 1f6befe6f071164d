import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { PaymentFields } from '../../../components/PaymentFields'
import { StripeCardField } from '../../../components/StripeCardField'
import { parseApiError, type ApiError, type FieldErrors } from '../../../lib/apiError'
import { declinedOrder, emptyPayment, PAYMENT_FIELDS, type PaymentInput } from '../../../lib/payment'
import { useFocusAfterRender } from '../../../lib/useFocusAfterRender'
import { useIdempotentSubmit } from '../../../lib/useIdempotentSubmit'
import type { Address, Cart, Id, Order } from '../../../types/commerce'
import { useCurrentUser } from '../../auth/hooks'
import { completeAuthentication, useCardPayment } from '../../orders/useCardPayment'
import { useCheckoutOptionsQuery, usePlaceOrderMutation } from '../checkoutApi'
import { useCheckoutQuote } from '../useCheckoutQuote'
import { useSavedAddresses } from '../useSavedAddresses'
import { validateCheckout } from '../validateCheckout'
import { ADDRESS_FIELDS, AddressFieldset, blankAddress } from './AddressFieldset'
import { ContactFieldset } from './ContactFieldset'
import { DiscountFieldset } from './DiscountFieldset'
import { OrderReview } from './OrderReview'
import { SaveAddressCheckbox, SavedAddressPicker } from './SavedAddressPicker'
import { ShippingChoice } from './ShippingChoice'

const SHOWN_FIELDS = [
  'email',
  'shipping_rate_id',
  'discount_code',
  ...ADDRESS_FIELDS.map((name) => `shipping_address.${name}`),
  ...PAYMENT_FIELDS,
]

interface CheckoutFormProps {
  cart: Cart
  currency: string
  onPlaced: (order: Order) => void
  onDeclined: (order: Order, message: string) => void
}

export function CheckoutForm({ cart, currency, onPlaced, onDeclined }: CheckoutFormProps) {
  const user = useCurrentUser()
  const [placeOrder, placeState] = usePlaceOrderMutation()
  const [authenticating, setAuthenticating] = useState(false)
  const placing = placeState.isLoading || authenticating
  const { stripe, card, loading: optionsLoading } = useCardPayment()
  const submitOnce = useIdempotentSubmit()

  const [email, setEmail] = useState('')
  const [address, setAddress] = useState<Address>(() => blankAddress(user?.full_name ?? '', currency))
  const blank = useCallback(() => blankAddress(user?.full_name ?? '', currency), [user?.full_name, currency])
  const book = useSavedAddresses(Boolean(user), setAddress, blank)
  // the destination decides the delivery rates offered and the tax
  const options = useCheckoutOptionsQuery(address.country || undefined)
  const [rateId, setRateId] = useState<Id | null>(null)
  const [payment, setPayment] = useState<PaymentInput>(emptyPayment)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<ApiError | null>(null)
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>()

  const rates = options.data?.shipping_rates
  const selectedRate = rates?.find((rate) => String(rate.id) === String(rateId)) ?? rates?.[0]
  useEffect(() => {
    if (rateId === null && rates?.length) setRateId(rates[0].id)
  }, [rateId, rates])

  const { quote, quoteError, code } = useCheckoutQuote(selectedRate?.id, address.country, setFieldErrors)

  function setAddressField(name: keyof Address, value: string) {
    setAddress((current) => ({ ...current, [name]: value }))
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const { body, errors } = validateCheckout({
      signedIn: Boolean(user),
      email,
      address,
      rateId: selectedRate?.id,
      appliedCode: code.applied,
      payment,
      stripe,
      saveAddress: book.canSave && book.save,
    })
    setFieldErrors(errors)
    if (!body) {
      setFormError({ status: undefined, code: 'invalid', message: 'Please correct the errors below.', fields: errors })
      focusSummary()
      return
    }
    setFormError(null)
    setAuthenticating(true)
    if (stripe) {
      const made = await card.paymentMethod()
      if (!('id' in made)) {
        setAuthenticating(false)
        setFormError({ status: undefined, code: 'invalid', message: made.error, fields: {} })
        focusSummary()
        return
      }
      body.payment = { payment_method: made.id }
    }
    const outcome = await submitOnce(body, async (key) => {
      const send = () => placeOrder({ body, idempotencyKey: key }).unwrap()
      return completeAuthentication(await send(), card.authenticate, send)
    })
    setAuthenticating(false)
    if (outcome.ok) {
      // placed; paid, or (`payment` still set) being confirmed, which the order page shows live
      onPlaced(outcome.data)
      return
    }
    const parsed = parseApiError(outcome.error)
    const order = declinedOrder(outcome.error)
    if (order) {
      onDeclined(order, parsed.message)
      return
    }
    if (outcome.network) {
      setFormError({
        ...parsed,
        message: `${parsed.message} Your order may not have gone through: press Place order again to retry safely — you will not be charged twice.`,
      })
    } else {
      setFormError(parsed)
      setFieldErrors(parsed.fields)
    }
    focusSummary()
  }

  return (
    <div className="checkout-layout">
      <form className="checkout-form" onSubmit={onSubmit} noValidate aria-busy={placing} aria-label="Checkout">
        {formError && (
          <ErrorSummary
            error={formError}
            shownFields={SHOWN_FIELDS}
            ref={summaryRef}
            title={formError.code === 'out_of_stock' ? 'Some items are out of stock' : undefined}
          />
        )}
        {formError?.code === 'out_of_stock' && (
          <p>
            <Link to="/cart">Review your cart</Link>
          </p>
        )}
        <ContactFieldset user={user} email={email} onEmailChange={setEmail} errors={fieldErrors.email} disabled={placing} />
        <AddressFieldset
          address={address}
          onChange={setAddressField}
          errors={fieldErrors}
          disabled={placing}
          footer={<SaveAddressCheckbox book={book} />}
        >
          <SavedAddressPicker book={book} />
        </AddressFieldset>
        <ShippingChoice
          options={options.data}
          loading={options.isLoading}
          error={options.error}
          onRetry={options.refetch}
          selectedId={selectedRate?.id ?? null}
          onSelect={setRateId}
          errors={fieldErrors.shipping_rate_id}
          disabled={placing}
          currency={currency}
        />
        <DiscountFieldset code={code} errors={fieldErrors.discount_code} disabled={placing} cannotCheck={!selectedRate} />
        {optionsLoading ? (
          <p className="muted">Loading payment options…</p>
        ) : stripe ? (
          <StripeCardField
          mount={card.mount}
          status={card.status}
          cardError={card.cardError}
          errors={fieldErrors['payment.payment_method']}
        />
        ) : (
          <PaymentFields value={payment} onChange={setPayment} errors={fieldErrors} disabled={placing} />
        )}

        <button
          type="submit"
          className="btn btn-primary btn-block btn-large"
          disabled={placing || !selectedRate || optionsLoading}
        >
          {placing ? 'Placing your order…' : 'Place order'}
        </button>
        <p className="live-status" role="status">
          {placing ? 'Placing your order and taking payment…' : ''}
        </p>
      </form>

      <OrderReview
        cart={cart}
        quote={quote.data}
        quoteLoading={quote.isFetching}
        quoteError={quoteError}
        onRetryQuote={quote.refetch}
        options={options.data}
      />
    </div>
  )
}
