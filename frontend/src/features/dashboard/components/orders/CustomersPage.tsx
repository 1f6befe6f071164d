import { useEffect, useId, useState, type FormEvent } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { useShopInfo } from '../../../../app/shop'
import { Pagination } from '../../../../components/Pagination'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { formatDate, formatMoney } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { OrderStatusBadge, PaymentStatusBadge } from '../../../orders/components/OrderParts'
import { useCustomerQuery, useCustomersQuery } from '../../ordersApi'

export function CustomersPage() {
  useDocumentTitle('Customers — Dashboard')
  const shop = useShopInfo()
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const search = params.get('search') ?? ''
  const [searchInput, setSearchInput] = useState(search)
  useEffect(() => setSearchInput(search), [search])
  const { data, isLoading, isFetching, error, refetch } = useCustomersQuery({ page, search })
  const searchId = useId()

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setParams(searchInput.trim() ? { search: searchInput.trim() } : {})
  }

  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <form role="search" className="search-form" onSubmit={onSearch}>
        <label htmlFor={searchId}>Search customers</label>
        <input
          id={searchId}
          type="search"
          placeholder="Name or email"
          value={searchInput}
          onChange={(e) => setSearchInput(e.target.value)}
        />
        <button type="submit" className="btn btn-secondary">
          Search
        </button>
      </form>
      {isLoading ? (
        <Loading label="Loading customers…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.results.length === 0 ? (
        <EmptyState title={search ? `No customers match “${search}”` : 'No customers yet'}>
          {!search && <p>Shoppers who create an account in your storefront appear here.</p>}
        </EmptyState>
      ) : (
        <div aria-busy={isFetching}>
          <div className="table-scroll" role="region" aria-label="Customer list" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Joined</th>
                  <th scope="col" className="num">
                    Orders
                  </th>
                  <th scope="col" className="num">
                    Total spent
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.results.map((customer) => (
                  <tr key={customer.id}>
                    <th scope="row" className="cell-wrap">
                      <Link to={`/dashboard/customers/${customer.id}`} className="cell-title">
                        {customer.full_name || customer.email}
                      </Link>
                      {customer.full_name && <span className="cell-sub">{customer.email}</span>}
                    </th>
                    <td>{formatDate(customer.date_joined)}</td>
                    <td className="num">{customer.order_count}</td>
                    <td className="num">{formatMoney(customer.total_spent, shop.currency)}</td>
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
            onPageChange={(next) => {
              const nextParams = new URLSearchParams(params)
              if (next > 1) nextParams.set('page', String(next))
              else nextParams.delete('page')
              setParams(nextParams)
            }}
            label="Customer pages"
          />
        </div>
      )}
    </section>
  )
}

export function CustomerPage() {
  const { customerId = '' } = useParams()
  const shop = useShopInfo()
  const { data: customer, isLoading, error, refetch } = useCustomerQuery(customerId)
  useDocumentTitle(customer ? `${customer.full_name || customer.email} — Dashboard` : 'Customer — Dashboard')

  return (
    <section aria-labelledby="customer-title">
      <p className="back-link">
        <Link to="/dashboard/customers">← Customers</Link>
      </p>
      {isLoading ? (
        <Loading label="Loading customer…" />
      ) : error || !customer ? (
        <>
          <h1 id="customer-title">Customer</h1>
          <ErrorState error={error} onRetry={refetch} />
        </>
      ) : (
        <>
          <h1 id="customer-title">{customer.full_name || customer.email}</h1>
          <dl className="facts">
            <div>
              <dt>Email</dt>
              <dd>
                <a href={`mailto:${customer.email}`}>{customer.email}</a>
              </dd>
            </div>
            <div>
              <dt>Joined</dt>
              <dd>{formatDate(customer.date_joined)}</dd>
            </div>
            <div>
              <dt>Orders</dt>
              <dd>{customer.order_count}</dd>
            </div>
            <div>
              <dt>Total spent</dt>
              <dd>{formatMoney(customer.total_spent, shop.currency)}</dd>
            </div>
          </dl>
          <h2>Orders</h2>
          {(customer.orders ?? []).length === 0 ? (
            <p className="muted">No orders yet.</p>
          ) : (
            <div className="table-scroll" role="region" aria-label="Customer orders" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Date</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {customer.orders.map((order) => (
                    <tr key={order.id}>
                      <th scope="row">
                        <Link to={`/dashboard/orders/${order.id}`}>Order {order.number}</Link>
                      </th>
                      <td>{formatDate(order.created_at)}</td>
                      <td>
                        <span className="badges">
                          <OrderStatusBadge status={order.status} />
                          <PaymentStatusBadge status={order.payment_status} />
                        </span>
                      </td>
                      <td className="num">{formatMoney(order.total, order.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  )
}
