import { Link, useSearchParams } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { Pagination } from '../../../components/Pagination'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { formatDate, formatMoney } from '../../../lib/format'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useMyOrdersQuery } from '../ordersApi'
import { OrderStatusBadge, PaymentStatusBadge } from './OrderParts'

export function OrdersPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Your orders — ${shop.name}`)
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const { data, isLoading, isFetching, error, refetch } = useMyOrdersQuery({ page })

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Your orders</h1>
      {isLoading ? (
        <Loading label="Loading your orders…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.results.length === 0 ? (
        <EmptyState title="No orders yet">
          <p>When you place an order it will show up here.</p>
          <Link className="btn btn-primary" to="/">
            Start shopping
          </Link>
        </EmptyState>
      ) : (
        <div aria-busy={isFetching}>
          <div className="table-scroll" role="region" aria-label="Order list" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Items
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.results.map((order) => (
                  <tr key={order.id}>
                    <th scope="row">
                      <Link to={`/account/orders/${order.id}`}>Order {order.number}</Link>
                    </th>
                    <td>{formatDate(order.created_at)}</td>
                    <td>
                      <span className="badges">
                        <OrderStatusBadge status={order.status} />
                        {order.payment_status !== 'paid' && <PaymentStatusBadge status={order.payment_status} />}
                      </span>
                    </td>
                    <td className="num">{order.item_count}</td>
                    <td className="num">{formatMoney(order.total, order.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            count={data.count}
            hasPrevious={Boolean(data.previous)}
            hasNext={Boolean(data.next)}
            onPageChange={(next) => setParams(next > 1 ? { page: String(next) } : {})}
            label="Order pages"
          />
        </div>
      )}
    </section>
  )
}
