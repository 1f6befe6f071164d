const labels: Record<string, string> = { active: 'Active', suspended: 'Suspended' }

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{labels[status] ?? status}</span>
}
