import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { skipToken } from '@reduxjs/toolkit/query/react'
import { Link, useNavigate } from 'react-router'
import { api } from '../../../app/api'
import { useAppDispatch } from '../../../app/hooks'
import { useShopInfo } from '../../../app/shop'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { FieldErrorList, SelectField, TextField } from '../../../components/Fields'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { isNetworkError, parseApiError, type ApiError, type FieldErrors } from '../../../lib/apiError'
import { formatMoney, isZeroAmount } from '../../../lib/format'
import { keyForAttempt, type IdempotentAttempt } from '../../../lib/idempotency'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useFocusAfterRender } from '../../../lib/useFocusAfterRender'
import type { Address, Cart, Id, Order } from '../../../types/commerce'
import { useCurrentUser } from '../../auth/hooks'
import { useCart } from '../../cart/hooks'
import { countryName, Totals } from '../../orders/components/OrderParts'
import {
  declinedOrder,
  useCheckoutOptionsQuery,
  useLazyQuoteQuery,
  usePlaceOrderMutation,
  useQuoteQuery,
  type CheckoutOptions,
  type CheckoutRequest,
  type Quote,
} from '../checkoutApi'
import { emptyPayment, validatePayment, type PaymentInput } from '../payment'
import { PaymentFields, TestModeNotice } from './PaymentFields'
import { PayOrderForm } from './PayOrderForm'

export const COUNTRY_CODES = [
  'AT', 'AU', 'BE', 'CA', 'CH', 'CZ', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'GR', 'IE', 'IT', 'JP', 'LU',
  'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'US',
]

const countryForCurrency: Record<string, string> = {
  GBP: 'GB', USD: 'US', CAD: 'CA', AUD: 'AU', NZD: 'NZ', SEK: 'SE', NOK: 'NO', DKK: 'DK', CHF: 'CH', JPY: 'JP',
  PLN: 'PL', CZK: 'CZ',
}

const ADDRESS_FIELDS: (keyof Address)[] = ['full_name', 'line1', 'line2', 'city', 'postcode', 'country']

type AddressInputName = Exclude<keyof Address, 'country'>

/** The address's text inputs (the country is a select). */
const ADDRESS_INPUTS: Record<AddressInputName, { label: string; autoComplete: string }> = {
  full_name: { label: 'Full name', autoComplete: 'shipping name' },
  line1: { label: 'Address line 1', autoComplete: 'shipping address-line1' },
  line2: { label: 'Address line 2 (optional)', autoComplete: 'shipping address-line2' },
  city: { label: 'Town or city', autoComplete: 'shipping address-level2' },
  postcode: { label: 'Postcode', autoComplete: 'shipping postal-code' },
}
const SHOWN_FIELDS = [
  'email',
  'shipping_rate_id',
  'discount_code',
  ...ADDRESS_FIELDS.map((name) => `shipping_address.${name}`),
  'payment.card_number',
  'payment.exp_month',
  'payment.exp_year',
  'payment.cvc',
]

export interface ConfirmationState {
  order: Order
}

export function CheckoutPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Checkout — ${shop.name}`)
  const { cart, isLoading, error, refetch, isEmpty } = useCart()
  const navigate = useNavigate()
  const dispatch = useAppDispatch()
  const [declined, setDeclined] = useState<{ order: Order; message: string } | null>(null)

  function onPaid(order: Order) {
    navigate(`/checkout/confirmation/${order.id}`, { state: { order } satisfies ConfirmationState })
    dispatch(api.util.invalidateTags(['Cart', 'Orders']))
  }

  let body
  if (declined) {
    body = (
      <section className="card checkout-retry" aria-labelledby="retry-title">
        <h2 id="retry-title">Pay for order {declined.order.number}</h2>
        <PayOrderForm order={declined.order} onPaid={onPaid} initialError={declined.message} />
      </section>
    )
  } else if (isLoading) {
    body = <Loading label="Loading your cart…" />
  } else if (error && !cart) {
    body = <ErrorState error={error} onRetry={refetch} />
  } else if (isEmpty || !cart) {
    body = (
      <EmptyState title="Your cart is empty">
        <p>Add something to your cart before checking out.</p>
        <Link className="btn btn-primary" to="/">
          Browse products
        </Link>
      </EmptyState>
    )
  } else {
    body = (
      <CheckoutForm
        cart={cart}
        currency={cart.currency || shop.currency}
        onPlaced={onPaid}
        onDeclined={(order, message) => {
          setDeclined({ order, message })
          // The order now holds the items; the cart and order list have changed.
          dispatch(api.util.invalidateTags(['Cart', 'Orders']))
        }}
      />
    )
  }

  return (
    <section aria-labelledby="checkout-title" className="checkout-page">
      <h1 id="checkout-title">Checkout</h1>
      <TestModeNotice />
      {body}
    </section>
  )
}

interface CheckoutFormProps {
  cart: Cart
  currency: string
  onPlaced: (order: Order) => void
  onDeclined: (order: Order, message: string) => void
}

function CheckoutForm({ cart, currency, onPlaced, onDeclined }: CheckoutFormProps) {
  const user = useCurrentUser()
  const options = useCheckoutOptionsQuery()
  const [placeOrder, { isLoading: placing }] = usePlaceOrderMutation()
  const [checkQuote, { isFetching: checkingCode }] = useLazyQuoteQuery()

  const [email, setEmail] = useState('')
  const [address, setAddress] = useState<Address>(() => ({
    full_name: user?.full_name ?? '',
    line1: '',
    line2: '',
    city: '',
    postcode: '',
    country: countryForCurrency[currency] ?? '',
  }))
  const [rateId, setRateId] = useState<Id | null>(null)
  const [codeInput, setCodeInput] = useState('')
  const [appliedCode, setAppliedCode] = useState('')
  const [codeStatus, setCodeStatus] = useState('')
  const [payment, setPayment] = useState<PaymentInput>(emptyPayment)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<ApiError | null>(null)
  const attempt = useRef<IdempotentAttempt | null>(null)
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>()
  const discountId = useId()
  const discountErrorId = useId()
  const discountStatusId = useId()

  const rates = options.data?.shipping_rates
  const selectedRate = rates?.find((rate) => String(rate.id) === String(rateId)) ?? rates?.[0]
  useEffect(() => {
    if (rateId === null && rates?.length) setRateId(rates[0].id)
  }, [rateId, rates])

  const quote = useQuoteQuery(
    selectedRate
      ? { shipping_rate_id: selectedRate.id, ...(appliedCode ? { discount_code: appliedCode } : {}) }
      : skipToken,
  )
  const quoteError = quote.error ? parseApiError(quote.error) : null
  // A code that stopped working (expired, cart changed) is shown at the code field and dropped.
  useEffect(() => {
    const codeErrors = quote.error ? parseApiError(quote.error).fields.discount_code : undefined
    if (codeErrors && appliedCode) {
      setFieldErrors((current) => ({ ...current, discount_code: codeErrors }))
      setAppliedCode('')
      setCodeStatus('')
    }
  }, [quote.error, appliedCode])

  const countries = useMemo(
    () =>
      COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name)),
    [],
  )

  function setAddressField(name: keyof Address, value: string) {
    setAddress((current) => ({ ...current, [name]: value }))
  }

  function addressField(name: AddressInputName) {
    const { label, autoComplete } = ADDRESS_INPUTS[name]
    return (
      <TextField
        label={label}
        autoComplete={autoComplete}
        value={address[name]}
        onChange={(e) => setAddressField(name, e.target.value)}
        errors={fieldErrors[`shipping_address.${name}`]}
      />
    )
  }

  async function applyCode() {
    const code = codeInput.trim()
    setCodeStatus('')
    if (!code) {
      setFieldErrors((current) => ({ ...current, discount_code: ['Enter a discount code.'] }))
      return
    }
    if (!selectedRate) return
    try {
      const result = await checkQuote({ shipping_rate_id: selectedRate.id, discount_code: code }).unwrap()
      setAppliedCode(code)
      setFieldErrors(({ discount_code: _dropped, ...rest }) => rest)
      setCodeStatus(
        `Code ${result.discount?.code ?? code} applied${result.discount?.description ? `: ${result.discount.description}` : ''}.`,
      )
    } catch (failure) {
      const parsed = parseApiError(failure)
      setFieldErrors((current) => ({
        ...current,
        discount_code: parsed.fields.discount_code ?? [parsed.message],
      }))
    }
  }

  function removeCode() {
    setAppliedCode('')
    setCodeInput('')
    setCodeStatus('Discount code removed.')
  }

  function onCodeKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter here applies the code; it must not place the order.
    if (event.key === 'Enter') {
      event.preventDefault()
      void applyCode()
    }
  }

  function validate(): { body: CheckoutRequest | null; errors: FieldErrors } {
    const errors: FieldErrors = {}
    if (!user) {
      if (!email.trim()) errors.email = ['Enter your email address.']
      else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = ['Enter an email address like name@example.com.']
    }
    const required: [keyof Address, string][] = [
      ['full_name', 'Enter the full name for delivery.'],
      ['line1', 'Enter the first line of the address.'],
      ['city', 'Enter the town or city.'],
      ['postcode', 'Enter the postcode.'],
      ['country', 'Choose a country.'],
    ]
    for (const [name, message] of required) {
      if (!address[name].trim()) errors[`shipping_address.${name}`] = [message]
    }
    if (!selectedRate) errors.shipping_rate_id = ['Choose a delivery option.']
    const checked = validatePayment(payment)
    Object.assign(errors, checked.errors)
    if (Object.keys(errors).length || !checked.payment || !selectedRate) return { body: null, errors }
    const trimmed = Object.fromEntries(
      Object.entries(address).map(([name, value]) => [name, value.trim()]),
    ) as unknown as Address
    return {
      body: {
        ...(user ? {} : { email: email.trim() }),
        shipping_address: trimmed,
        shipping_rate_id: selectedRate.id,
        ...(appliedCode ? { discount_code: appliedCode } : {}),
        payment: checked.payment,
      },
      errors,
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const { body, errors } = validate()
    setFieldErrors(errors)
    if (!body) {
      setFormError({ status: undefined, code: 'invalid', message: 'Please correct the errors below.', fields: errors })
      focusSummary()
      return
    }
    setFormError(null)
    // Same submission retried after a network error: same key, so the server never charges twice.
    const current = keyForAttempt(attempt.current, body)
    attempt.current = current
    try {
      const order = await placeOrder({ body, idempotencyKey: current.key }).unwrap()
      attempt.current = null
      onPlaced(order)
    } catch (failure) {
      const order = declinedOrder(failure)
      const parsed = parseApiError(failure)
      if (order) {
        attempt.current = null
        onDeclined(order, parsed.message)
        return
      }
      if (isNetworkError(failure)) {
        current.unresolved = true
        setFormError({
          ...parsed,
          message: `${parsed.message} Your order may not have gone through: press Place order again to retry safely — you will not be charged twice.`,
        })
      } else {
        attempt.current = null
        setFormError(parsed)
        setFieldErrors(parsed.fields)
      }
      focusSummary()
    }
  }

  const discountErrors = fieldErrors.discount_code

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
        <fieldset className="form-section" disabled={placing}>
          <legend>Contact</legend>
          {user ? (
            <p>
              Signed in as <strong>{user.email}</strong>. We will send the receipt there.
            </p>
          ) : (
            <>
              <TextField
                label="Email"
                type="email"
                name="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                errors={fieldErrors.email}
                hint="For your receipt and delivery updates."
              />
              <p className="muted small">
                Have an account?{' '}
                <Link to="/account/login" state={{ from: '/checkout' }}>
                  Sign in
                </Link>{' '}
                or{' '}
                <Link to="/account/signup" state={{ from: '/checkout' }}>
                  create one
                </Link>{' '}
                to follow your orders. Your cart comes with you.
              </p>
            </>
          )}
        </fieldset>

        <fieldset className="form-section" disabled={placing}>
          <legend>Shipping address</legend>
          {addressField('full_name')}
          {addressField('line1')}
          {addressField('line2')}
          <div className="field-row">
            {addressField('city')}
            {addressField('postcode')}
          </div>
          <SelectField
            label="Country"
            autoComplete="shipping country"
            value={address.country}
            onChange={(e) => setAddressField('country', e.target.value)}
            errors={fieldErrors['shipping_address.country']}
          >
            <option value="">Choose a country</option>
            {countries.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </fieldset>

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

        <fieldset className="form-section" disabled={placing}>
          <legend>Discount code</legend>
          {appliedCode ? (
            <p className="applied-code">
              <span>
                Code <strong>{appliedCode}</strong> is applied.
              </span>{' '}
              <button type="button" className="btn btn-link" onClick={removeCode}>
                Remove code
              </button>
            </p>
          ) : (
            <div className="field">
              <label htmlFor={discountId}>Discount code (optional)</label>
              <div className="inline-input">
                <input
                  id={discountId}
                  name="discount_code"
                  autoComplete="off"
                  value={codeInput}
                  onChange={(e) => setCodeInput(e.target.value)}
                  onKeyDown={onCodeKeyDown}
                  aria-invalid={discountErrors?.length ? true : undefined}
                  aria-describedby={[discountErrors?.length ? discountErrorId : '', discountStatusId].join(' ').trim()}
                />
                <button
                  type="button"
                  className="btn btn-secondary"
                  onClick={() => void applyCode()}
                  disabled={checkingCode || !selectedRate}
                >
                  {checkingCode ? 'Checking…' : 'Apply'}
                </button>
              </div>
              <FieldErrorList id={discountErrors?.length ? discountErrorId : undefined} errors={discountErrors} />
            </div>
          )}
          <p className="live-status live-ok" id={discountStatusId} role="status">
            {codeStatus}
          </p>
        </fieldset>

        <PaymentFields value={payment} onChange={setPayment} errors={fieldErrors} disabled={placing} />

        <button type="submit" className="btn btn-primary btn-block btn-large" disabled={placing || !selectedRate}>
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
        quoteError={quoteError && !quoteError.fields.discount_code ? quote.error : undefined}
        onRetryQuote={quote.refetch}
        options={options.data}
      />
    </div>
  )
}

interface ShippingChoiceProps {
  options?: CheckoutOptions
  loading: boolean
  error: unknown
  onRetry: () => void
  selectedId: Id | null
  onSelect: (id: Id) => void
  errors?: string[]
  disabled: boolean
  currency: string
}

function ShippingChoice({ options, loading, error, onRetry, selectedId, onSelect, errors, disabled, currency }: ShippingChoiceProps) {
  const name = useId()
  const errorId = useId()
  return (
    <fieldset className="form-section" disabled={disabled} aria-describedby={errors?.length ? errorId : undefined}>
      <legend>Delivery</legend>
      {loading ? (
        <Loading label="Loading delivery options…" />
      ) : error ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : !options?.shipping_rates.length ? (
        <p>This shop has no delivery options yet, so orders cannot be placed.</p>
      ) : (
        <ul className="choice-list">
          {options.shipping_rates.map((rate) => {
            const free = isZeroAmount(rate.price_for_cart)
            return (
              <li key={rate.id}>
                <label className="choice">
                  <input
                    type="radio"
                    name={name}
                    value={String(rate.id)}
                    checked={String(rate.id) === String(selectedId)}
                    onChange={() => onSelect(rate.id)}
                  />
                  <span className="choice-text">
                    <span className="choice-title">{rate.name}</span>
                    <span className="choice-price">
                      {free ? 'Free' : formatMoney(rate.price_for_cart, options.currency || currency)}
                    </span>
                    {rate.free_over && !free && (
                      <span className="choice-hint">Free on orders over {formatMoney(rate.free_over, options.currency || currency)}</span>
                    )}
                  </span>
                </label>
              </li>
            )
          })}
        </ul>
      )}
      <FieldErrorList id={errorId} errors={errors} />
    </fieldset>
  )
}

interface OrderReviewProps {
  cart: Cart
  quote?: Quote
  quoteLoading: boolean
  quoteError?: unknown
  onRetryQuote: () => void
  options?: CheckoutOptions
}

function OrderReview({ cart, quote, quoteLoading, quoteError, onRetryQuote, options }: OrderReviewProps) {
  const tax = options?.tax
  const taxLabel = tax ? `${tax.label} (${tax.rate.replace(/\.0+$/, '').replace(/(\.\d*[1-9])0+$/, '$1')}%)` : 'Tax'
  return (
    <aside className="card order-review" aria-labelledby="review-title">
      <h2 id="review-title">Your order</h2>
      <ul className="review-lines">
        {cart.lines.map((line) => (
          <li key={line.id}>
            <span>
              {line.product_title}
              {line.variant_title ? ` (${line.variant_title})` : ''} × {line.quantity}
            </span>
            <span>{formatMoney(line.line_total, cart.currency)}</span>
          </li>
        ))}
      </ul>
      <div aria-live="polite" aria-busy={quoteLoading}>
        {quote ? (
          <Totals
            totals={quote}
            discountLabel={quote.discount?.code}
            taxLabel={taxLabel}
            taxIncluded={tax?.included ?? false}
          />
        ) : quoteError ? (
          <ErrorState error={quoteError} onRetry={onRetryQuote} />
        ) : (
          <dl className="totals">
            <div>
              <dt>Subtotal</dt>
              <dd>{formatMoney(cart.subtotal, cart.currency)}</dd>
            </div>
          </dl>
        )}
        <p className="muted small">{quoteLoading ? 'Updating totals…' : ''}</p>
      </div>
    </aside>
  )
}
