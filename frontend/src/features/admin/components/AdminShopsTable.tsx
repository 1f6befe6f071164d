import { StatusBadge } from '../../../components/StatusBadge'
import { formatDate } from '../../../lib/format'
import type { AdminShop } from '../adminApi'

interface Props {
  shops: AdminShop[]
  busyShopId: AdminShop['id'] | null
  onSuspend: (shop: AdminShop) => void
  onReactivate: (shop: AdminShop) => void
}

export function AdminShopsTable({ shops, busyShopId, onSuspend, onReactivate }: Props) {
  return (
    <div className="table-scroll" role="region" aria-label="Shops" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Shop</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Customers</th>
            <th scope="col" className="num">Staff</th>
            <th scope="col" className="num">Products</th>
            <th scope="col" className="num">Orders</th>
            <th scope="col" className="num">Revenue</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shops.map((shop) => (
            <tr key={shop.id}>
              <th scope="row">
                <span className="cell-title">{shop.name}</span>
                <a href={shop.url} className="cell-sub">
                  {shop.subdomain}
                </a>
                <span className="cell-sub">
                  {shop.plan?.name} plan · since {formatDate(shop.created_at)}
                </span>
              </th>
              <td className="cell-wrap">{shop.owner_email}</td>
              <td>
                <StatusBadge status={shop.status} />
                {shop.status === 'suspended' && shop.suspended_reason && (
                  <span className="cell-sub">{shop.suspended_reason}</span>
                )}
              </td>
              <td className="num">{shop.usage.customers}</td>
              <td className="num">{shop.usage.staff}</td>
              <td className="num">{shop.usage.products}</td>
              <td className="num">{shop.usage.orders}</td>
              <td className="num">{shop.usage.revenue}</td>
              <td>
                {shop.status === 'suspended' ? (
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    disabled={busyShopId === shop.id}
                    onClick={() => onReactivate(shop)}
                    aria-label={`Reactivate ${shop.name}`}
                  >
                    Reactivate
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn btn-danger btn-small"
                    onClick={() => onSuspend(shop)}
                    aria-label={`Suspend ${shop.name}`}
                  >
                    Suspend
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
