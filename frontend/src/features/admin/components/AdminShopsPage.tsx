import { useState } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/Alert'
import { ListPage, useListParams } from '../../../components/ListPage'
import { EmptyState } from '../../../components/States'
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
  const list = useListParams()
  const { page, search } = list
  const [suspending, setSuspending] = useState<AdminShop | null>(null)
  const [notice, setNotice] = useState('')
  const result = useAdminShopsQuery({ page, search })
  const [reactivate, reactivation] = useReactivateShopMutation()

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
    <>
      <ListPage
        title="All shops"
        list={list}
        search={{ label: 'Search shops', placeholder: 'Name, subdomain or owner', id: 'admin-search' }}
        beforeResults={
          <>
            <p>
              <Link to="/admin/plans">Edit the plans</Link>
            </p>
            <p className="live-status" role="status" aria-live="polite">
              {notice}
            </p>
            {reactivation.error && <Alert>{parseApiError(reactivation.error).message}</Alert>}
          </>
        }
        result={result}
        loadingLabel="Loading shops…"
        paginationLabel="Shops pages"
        empty={<EmptyState title={search ? `No shops match “${search}”` : 'No shops yet'} />}
      >
        {(data) => (
          <AdminShopsTable
            shops={data.results}
            busyShopId={reactivation.isLoading ? (reactivation.originalArgs ?? null) : null}
            onSuspend={(shop) => {
              setNotice('')
              setSuspending(shop)
            }}
            onReactivate={(shop) => void onReactivate(shop)}
          />
        )}
      </ListPage>

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
    </>
  )
}
