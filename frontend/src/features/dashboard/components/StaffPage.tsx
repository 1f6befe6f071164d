import { DataTable } from '../../../components/DataTable'
import { QueryResults } from '../../../components/Results'
import { EmptyState } from '../../../components/States'
import { formatDate } from '../../../lib/format'
import { useStaffQuery } from '../dashboardApi'

const roleLabels: Record<string, string> = { owner: 'Owner', staff: 'Staff' }

export function StaffPage() {
  const result = useStaffQuery()

  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">Staff</h1>
      <QueryResults
        result={result}
        loadingLabel="Loading staff…"
        isEmpty={(data) => data.results.length === 0}
        empty={<EmptyState title="No staff yet" />}
      >
        {(data) => (
          <DataTable
            label="Staff members"
            rows={data.results}
            columns={[
              { header: 'Name', rowHeader: true, cell: (member) => member.full_name || '—' },
              { header: 'Email', className: 'cell-wrap', cell: (member) => member.email },
              { header: 'Role', cell: (member) => roleLabels[member.role] ?? member.role },
              { header: 'Joined', cell: (member) => formatDate(member.date_joined) },
            ]}
          />
        )}
      </QueryResults>
    </section>
  )
}
