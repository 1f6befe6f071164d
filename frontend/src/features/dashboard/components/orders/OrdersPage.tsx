import { FilterSelect, ListPage, useListParams } from '../../../../components/ListPage'
import { EmptyState } from '../../../../components/States'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { OrdersTable } from '../../../../components/OrderParts'
import { orderStatusLabels } from '../../../../lib/orderStatus'
import { useDashOrdersQuery } from '../../ordersApi'

const ORDER_STATUS_OPTIONS = Object.entries(orderStatusLabels).map(([value, label]) => ({ value, label }))

export function DashboardOrdersPage() {
  useDocumentTitle('Orders — Dashboard')
  const list = useListParams()
  const { page, search } = list
  const status = list.filter('status')
  const result = useDashOrdersQuery({ page, search, status })

  return (
    <ListPage
      title="Orders"
      list={list}
      search={{ label: 'Search orders', placeholder: 'Order number or email' }}
      filters={
        <FilterSelect
          label="Status"
          value={status}
          options={ORDER_STATUS_OPTIONS}
          onChange={(value) => list.update({ status: value })}
        />
      }
      result={result}
      loadingLabel="Loading orders…"
      paginationLabel="Order pages"
      empty={
        <EmptyState title={search || status ? 'No orders match' : 'No orders yet'}>
          {!search && !status && <p>Orders placed in the storefront appear here.</p>}
        </EmptyState>
      }
    >
      {(data) => (
        <OrdersTable
          orders={data.results}
          label="Order list"
          orderPath={(order) => `/dashboard/orders/${order.id}`}
          showCustomer
        />
      )}
    </ListPage>
  )
}
