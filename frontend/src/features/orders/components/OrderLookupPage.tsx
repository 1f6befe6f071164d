import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { TextField } from '../../../components/Fields'
import { parseApiError, type ApiError, type FieldErrors } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useFocusAfterRender } from '../../../lib/useFocusAfterRender'
import { useLookupOrderMutation } from '../ordersApi'

const SHOWN_FIELDS = ['number', 'email']

/** A guest finds an order (to see it or to pay for it) by its number and e-mail address. */
export function OrderLookupPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Find your order — ${shop.name}`)
  const navigate = useNavigate()
  const [lookup, { isLoading }] = useLookupOrderMutation()
  const [number, setNumber] = useState('')
  const [email, setEmail] = useState('')
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<ApiError | null>(null)
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>()

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const errors: FieldErrors = {}
    const wanted = number.trim().replace(/^#/, '')
    if (!wanted) errors.number = ['Enter the order number from your confirmation.']
    if (!email.trim()) errors.email = ['Enter the e-mail address you ordered with.']
    setFieldErrors(errors)
    if (Object.keys(errors).length) {
      setError({ status: undefined, code: 'invalid', message: 'Please correct the errors below.', fields: errors })
      focusSummary()
      return
    }
    setError(null)
    try {
      const found = await lookup({ number: wanted, email: email.trim() }).unwrap()
      navigate(`/orders/${found.order.id}`)
    } catch (failure) {
      const parsed = parseApiError(failure)
      setError(
        parsed.status === 404
          ? { ...parsed, message: 'No order matches that number and e-mail address. Check both and try again.' }
          : parsed,
      )
      setFieldErrors(parsed.fields)
      focusSummary()
    }
  }

  return (
    <section aria-labelledby="lookup-title" className="narrow-page">
      <h1 id="lookup-title">Find your order</h1>
      <p>Enter the order number from your confirmation e-mail and the e-mail address you used at checkout.</p>
      <form onSubmit={onSubmit} noValidate aria-busy={isLoading} className="card">
        {error && <ErrorSummary error={error} shownFields={SHOWN_FIELDS} ref={summaryRef} />}
        <TextField
          label="Order number"
          name="number"
          inputMode="numeric"
          autoComplete="off"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          errors={fieldErrors.number}
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={fieldErrors.email}
        />
        <button type="submit" className="btn btn-primary" disabled={isLoading}>
          {isLoading ? 'Finding your order…' : 'Find order'}
        </button>
      </form>
    </section>
  )
}
