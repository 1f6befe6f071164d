import { useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { Alert } from '../../../components/Alert'
import { Pagination } from '../../../components/Pagination'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'
import { useAdminShopsQuery, useReactivateShopMutation, type AdminShop } from '../adminApi'
import { AdminShopsTable } from './AdminShopsTable'
import { SuspendShopDialog } from './SuspendShopDialog'

export function AdminShopsPage() {
  useDocumentTitle('Admin — Shopyard')
  const user = useCurrentUser()
  if (user?.role !== 'admin') {
    return (
      <section aria-labelledby="not-allowed-title">
        <h1 id="not-allowed-title">Not allowed</h1>
        <p>Only platform administrators can see this page.</p>
      </section>
    )
  }
  return <AdminShops />
}

function AdminShops() {
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const search = params.get('search') ?? ''
  const [searchInput, setSearchInput] = useState(search)
  const [suspending, setSuspending] = useState<AdminShop | null>(null)
  const [notice, setNotice] = useState('')
  const { data, isLoading, isFetching, error, refetch } = useAdminShopsQuery({ page, search })
  const [reactivate, reactivation] = useReactivateShopMutation()

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const next = new URLSearchParams()
    if (searchInput.trim()) next.set('search', searchInput.trim())
    setParams(next)
  }

  function goToPage(nextPage: number) {
    const next = new URLSearchParams(params)
    next.set('page', String(nextPage))
    setParams(next)
  }

  async function onReactivate(shop: AdminShop) {
    setNotice('')
    try {
      await reactivate(shop.id).unwrap()
      setNotice(`${shop.name} was reactivated.`)
    } catch {
      // Shown below.
    }
  }

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">All shops</h1>
      <form role="search" className="search-form" onSubmit={onSearch}>
        <label htmlFor="admin-search">Search shops</label>
        <input
          id="admin-search"
          type="search"
          placeholder="Name, subdomain or owner"
          value={searchInput}
          onChange={(e) => setSearchInput(e.target.value)}
        />
        <button type="submit" className="btn btn-secondary">
          Search
        </button>
      </form>

      <p className="live-status" role="status" aria-live="polite">
        {notice}
      </p>
      {reactivation.error && <Alert>{parseApiError(reactivation.error).message}</Alert>}

      {isLoading ? (
        <Loading label="Loading shops…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.results.length === 0 ? (
        <EmptyState title={search ? `No shops match “${search}”` : 'No shops yet'} />
      ) : (
        <div aria-busy={isFetching}>
          <AdminShopsTable
            shops={data.results}
            busyShopId={reactivation.isLoading ? (reactivation.originalArgs ?? null) : null}
            onSuspend={(shop) => {
              setNotice('')
              setSuspending(shop)
            }}
            onReactivate={(shop) => void onReactivate(shop)}
          />
          <Pagination
            page={page}
            count={data.count}
            hasPrevious={Boolean(data.previous)}
            hasNext={Boolean(data.next)}
            onPageChange={goToPage}
            label="Shops pages"
          />
        </div>
      )}

      {suspending && (
        <SuspendShopDialog
          shop={suspending}
          onClose={() => setSuspending(null)}
          onSuspended={(shop) => {
            setSuspending(null)
            setNotice(`${shop.name} was suspended.`)
          }}
        />
      )}
    </section>
  )
}
