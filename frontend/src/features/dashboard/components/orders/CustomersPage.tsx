import { Link, useParams } from 'react-router'
import { useShopInfo } from '../../../../app/shop'
import { DataTable } from '../../../../components/DataTable'
import { ListPage, useListParams } from '../../../../components/ListPage'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { formatDate, formatMoney } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { OrdersTable } from '../../../../components/OrderParts'
import { useCustomerQuery, useCustomersQuery } from '../../ordersApi'

export function CustomersPage() {
  useDocumentTitle('Customers — Dashboard')
  const shop = useShopInfo()
  const list = useListParams()
  const { page, search } = list
  const result = useCustomersQuery({ page, search })

  return (
    <ListPage
      title="Customers"
      list={list}
      search={{ label: 'Search customers', placeholder: 'Name or email' }}
      result={result}
      loadingLabel="Loading customers…"
      paginationLabel="Customer pages"
      empty={
        <EmptyState title={search ? `No customers match “${search}”` : 'No customers yet'}>
          {!search && <p>Shoppers who create an account in your storefront appear here.</p>}
        </EmptyState>
      }
    >
      {(data) => (
        <DataTable
          label="Customer list"
          rows={data.results}
          columns={[
            {
              header: 'Customer',
              rowHeader: true,
              className: 'cell-wrap',
              cell: (customer) => (
                <>
                  <Link to={`/dashboard/customers/${customer.id}`} className="cell-title">
                    {customer.full_name || customer.email}
                  </Link>
                  {customer.full_name && <span className="cell-sub">{customer.email}</span>}
                </>
              ),
            },
            { header: 'Joined', cell: (customer) => formatDate(customer.date_joined) },
            { header: 'Orders', numeric: true, cell: (customer) => customer.order_count },
            { header: 'Total spent', numeric: true, cell: (customer) => formatMoney(customer.total_spent, shop.currency) },
          ]}
        />
      )}
    </ListPage>
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
            <OrdersTable
              orders={customer.orders}
              label="Customer orders"
              orderPath={(order) => `/dashboard/orders/${order.id}`}
              showItems={false}
            />
          )}
        </>
      )}
    </section>
  )
}
