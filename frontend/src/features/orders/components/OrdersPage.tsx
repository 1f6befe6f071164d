import { useRef } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { PagedResults } from '../../../components/Results'
import { EmptyState } from '../../../components/States'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { readPage } from '../../../lib/searchParams'
import { BuyAgainRecs } from '../../recs'
import { useMyOrdersQuery } from '../ordersApi'
import { OrdersTable } from '../../../components/OrderParts'

export function OrdersPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Your orders — ${shop.name}`)
  const [params, setParams] = useSearchParams()
  const page = readPage(params)
  const result = useMyOrdersQuery({ page })
  const headingRef = useRef<HTMLHeadingElement>(null)

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title" ref={headingRef} tabIndex={-1}>
        Your orders
      </h1>
      <BuyAgainRecs />
      <PagedResults
        result={result}
        page={page}
        onPageChange={(next) => setParams(next > 1 ? { page: String(next) } : {})}
        focusRef={headingRef}
        loadingLabel="Loading your orders…"
        paginationLabel="Order pages"
        empty={
          <EmptyState title="No orders yet">
            <p>When you place an order it will show up here.</p>
            <Link className="btn btn-primary" to="/">
              Start shopping
            </Link>
          </EmptyState>
        }
      >
        {(data) => (
          <OrdersTable
            orders={data.results}
            label="Order list"
            orderPath={(order) => `/account/orders/${order.id}`}
            paymentOnlyWhenUnpaid
          />
        )}
      </PagedResults>
    </section>
  )
}
