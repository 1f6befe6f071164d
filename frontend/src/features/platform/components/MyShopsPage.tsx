import { Link } from 'react-router'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { StatusBadge } from '../../../components/StatusBadge'
import { formatDate } from '../../../lib/format'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import type { PlatformShop } from '../../../types/api'
import { useMyShopsQuery } from '../platformApi'
import { OpenDashboardButton } from './OpenDashboardButton'

function ShopCard({ shop }: { shop: PlatformShop }) {
  const suspended = shop.status === 'suspended'
  const reason = shop.suspended_reason?.trim()
  return (
    <li className="card shop-card">
      <div className="shop-card-head">
        <h2>{shop.name}</h2>
        <StatusBadge status={shop.status} />
        {suspended && reason && <span className="suspended-reason">Suspended: {reason}</span>}
      </div>
      <p>
        <a href={shop.url}>
          {shop.url.replace(/^https?:\/\//, '').replace(/\/$/, '')}
        </a>
      </p>
      <p className="muted">
        {shop.plan?.name ?? 'No plan'} plan · created {formatDate(shop.created_at)}
      </p>
      {suspended && (
        <p className="muted">This shop is suspended; contact the platform administrator.</p>
      )}
      <div className="actions">
        <OpenDashboardButton shop={shop} />
      </div>
    </li>
  )
}

export function MyShopsPage() {
  useDocumentTitle('My shops — Shopyard')
  const { data, isLoading, error, refetch } = useMyShopsQuery()

  return (
    <section aria-labelledby="my-shops-title">
      <div className="page-head">
        <h1 id="my-shops-title">My shops</h1>
        {data && data.results.length > 0 && (
          <Link className="btn btn-secondary" to="/shops/new">
            Create another shop
          </Link>
        )}
      </div>
      {isLoading ? (
        <Loading label="Loading your shops…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.results.length === 0 ? (
        <EmptyState title="You have no shops yet">
          <p>Name your shop and pick its address; it goes live straight away.</p>
          <Link className="btn btn-primary" to="/shops/new">
            Create a shop
          </Link>
        </EmptyState>
      ) : (
        <ul className="shop-list">
          {data.results.map((shop) => (
            <ShopCard key={shop.id} shop={shop} />
          ))}
        </ul>
      )}
    </section>
  )
}
