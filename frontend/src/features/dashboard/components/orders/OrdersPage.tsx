import { useEffect, useId, useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { Pagination } from '../../../../components/Pagination'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { formatDate, formatMoney } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { OrderStatusBadge, PaymentStatusBadge } from '../../../orders/components/OrderParts'
import { orderStatusLabels } from '../../../orders/status'
import { useDashOrdersQuery } from '../../ordersApi'

export function DashboardOrdersPage() {
  useDocumentTitle('Orders — Dashboard')
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const search = params.get('search') ?? ''
  const status = params.get('status') ?? ''
  const [searchInput, setSearchInput] = useState(search)
  useEffect(() => setSearchInput(search), [search])
  const { data, isLoading, isFetching, error, refetch } = useDashOrdersQuery({ page, search, status })
  const searchId = useId()
  const statusId = useId()

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params)
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value)
      else next.delete(name)
    }
    if (!('page' in changes)) next.delete('page')
    setParams(next)
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    update({ search: searchInput.trim() })
  }

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <div className="toolbar">
        <form role="search" className="search-form" onSubmit={onSearch}>
          <label htmlFor={searchId}>Search orders</label>
          <input
            id={searchId}
            type="search"
            placeholder="Order number or email"
            value={searchInput}
            onChange={(e) => setSearchInput(e.target.value)}
          />
          <button type="submit" className="btn btn-secondary">
            Search
          </button>
        </form>
        <div className="inline-field">
          <label htmlFor={statusId}>Status</label>
          <select id={statusId} value={status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">All</option>
            {Object.entries(orderStatusLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {isLoading ? (
        <Loading label="Loading orders…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.results.length === 0 ? (
        <EmptyState title={search || status ? 'No orders match' : 'No orders yet'}>
          {!search && !status && <p>Orders placed in the storefront appear here.</p>}
        </EmptyState>
      ) : (
        <div aria-busy={isFetching}>
          <div className="table-scroll" role="region" aria-label="Order list" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Date</th>
                  <th scope="col">Customer</th>
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
                      <Link to={`/dashboard/orders/${order.id}`}>Order {order.number}</Link>
                    </th>
                    <td>{formatDate(order.created_at)}</td>
                    <td className="cell-wrap">{order.email ?? '—'}</td>
                    <td>
                      <span className="badges">
                        <OrderStatusBadge status={order.status} />
                        <PaymentStatusBadge status={order.payment_status} />
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
            onPageChange={(next) => update({ page: next > 1 ? String(next) : '' })}
            label="Order pages"
          />
        </div>
      )}
    </section>
  )
}
