import { useEffect } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { Loading } from '../../../components/States'
import { rememberOrderToken } from '../orderAccess'
import { OrderDetailPage } from './OrderDetailPage'

/**
 * `/orders/:id`, also reached from the e-mail's `?token=` link: the token is kept in this
 * browser and dropped from the address bar (so it is not shared with the URL or kept in
 * history), then the order loads with it.
 */
export function GuestOrderPage() {
  const { orderId = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const token = params.get('token')
  useEffect(() => {
    if (!token) return
    rememberOrderToken(orderId, token)
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        next.delete('token')
        return next
      },
      { replace: true },
    )
  }, [token, orderId, setParams])

  if (token) return <Loading label="Loading order…" />
  return <OrderDetailPage />
}
