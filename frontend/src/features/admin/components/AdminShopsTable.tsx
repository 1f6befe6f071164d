import { DataTable } from '../../../components/DataTable'
import { StatusBadge } from '../../../components/StatusBadge'
import { formatDate, formatMoney } from '../../../lib/format'
import type { AdminShop, ShopUsage } from '../adminApi'
import { CompPlanControl } from './CompPlanControl'

interface Props {
  shops: AdminShop[]
  busyShopId: AdminShop['id'] | null
  onSuspend: (shop: AdminShop) => void
  onReactivate: (shop: AdminShop) => void
}

/** A usage figure; a shop with no activity yet has blanks, which mean 0. */
function count(usage: Partial<ShopUsage> | null | undefined, name: Exclude<keyof ShopUsage, 'revenue'>): number {
  const value = Number(usage?.[name])
  return Number.isFinite(value) ? value : 0
}

function revenue(shop: AdminShop): string {
  const amount = shop.usage?.revenue
  const text = amount === null || amount === undefined || String(amount).trim() === '' ? '0.00' : String(amount)
  return formatMoney(text, shop.currency || 'GBP')
}

export function AdminShopsTable({ shops, busyShopId, onSuspend, onReactivate }: Props) {
  return (
    <DataTable
      label="Shops"
      rows={shops}
      columns={[
        {
          header: 'Shop',
          rowHeader: true,
          className: 'cell-wrap',
          cell: (shop) => (
            <>
              <span className="cell-title">{shop.name}</span>
              <a href={shop.url} className="cell-sub">
                {shop.subdomain}
              </a>
              <span className="cell-sub">
                {shop.plan?.name} plan · since {formatDate(shop.created_at)}
              </span>
            </>
          ),
        },
        { header: 'Owner', className: 'cell-wrap', cell: (shop) => shop.owner_email },
        {
          header: 'Status',
          cell: (shop) => (
            <>
              <StatusBadge status={shop.status} />
              {shop.status === 'suspended' && shop.suspended_reason && (
                <span className="cell-sub">{shop.suspended_reason}</span>
              )}
            </>
          ),
        },
        { header: 'Customers', numeric: true, cell: (shop) => count(shop.usage, 'customers') },
        { header: 'Staff', numeric: true, cell: (shop) => count(shop.usage, 'staff') },
        { header: 'Products', numeric: true, cell: (shop) => count(shop.usage, 'products') },
        { header: 'Orders', numeric: true, cell: (shop) => count(shop.usage, 'orders') },
        { header: 'Revenue', numeric: true, cell: revenue },
        { header: 'Comp a plan', cell: (shop) => <CompPlanControl shop={shop} /> },
        {
          header: 'Actions',
          hiddenHeader: true,
          cell: (shop) =>
            shop.status === 'suspended' ? (
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
            ),
        },
      ]}
    />
  )
}
