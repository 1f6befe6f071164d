import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { formatDate } from '../../../lib/format'
import { useStaffQuery } from '../dashboardApi'

const roleLabels: Record<string, string> = { owner: 'Owner', staff: 'Staff' }

export function StaffPage() {
  const { data, isLoading, error, refetch } = useStaffQuery()

  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">Staff</h1>
      {isLoading ? (
        <Loading label="Loading staff…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.results.length === 0 ? (
        <EmptyState title="No staff yet" />
      ) : (
        <div className="table-scroll" role="region" aria-label="Staff members" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.full_name || '—'}</th>
                  <td>{member.email}</td>
                  <td>{roleLabels[member.role] ?? member.role}</td>
                  <td>{formatDate(member.date_joined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
