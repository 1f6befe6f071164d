import { ErrorState, Loading } from '../../../components/States'
import { useOverviewQuery } from '../dashboardApi'

export function OverviewPage() {
  const { data, isLoading, error, refetch } = useOverviewQuery()

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      {isLoading ? (
        <Loading label="Loading overview…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : data ? (
        <>
          <p>
            <strong>{data.shop.name}</strong> is on the <strong>{data.shop.plan?.name ?? 'free'}</strong> plan
            {' · '}prices in {data.shop.currency}
          </p>
          <dl className="stats">
            <div className="stat">
              <dt>Products</dt>
              <dd>{data.counts.products}</dd>
            </div>
            <div className="stat">
              <dt>Customers</dt>
              <dd>{data.counts.customers}</dd>
            </div>
            <div className="stat">
              <dt>Staff</dt>
              <dd>{data.counts.staff}</dd>
            </div>
          </dl>
        </>
      ) : null}
    </section>
  )
}
