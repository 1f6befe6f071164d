import { Alert } from '../../../components/Alert'
import { TestModeNotice } from '../../../components/PaymentFields'
import { usePaymentConfigQuery } from '../ordersApi'

/** Which test cards work here: the offline gateway's, or Stripe's in test mode; nothing when live. */
export function PaymentNotice() {
  const { data } = usePaymentConfigQuery()
  if (!data) return null
  if (data.gateway !== 'stripe') return <TestModeNotice />
  if (!data.publishable_key.startsWith('pk_test_')) return null
  return (
    <Alert tone="info" title="Stripe test mode">
      <p>No real payment is taken. Use a Stripe test card, any future expiry date and any 3-digit code:</p>
      <ul className="test-cards">
        <li>
          <code>4242 4242 4242 4242</code> is approved
        </li>
        <li>
          <code>4000 0025 0000 3155</code> asks for authentication (3-D Secure)
        </li>
        <li>
          <code>4000 0000 0000 0341</code> is declined
        </li>
      </ul>
    </Alert>
  )
}
