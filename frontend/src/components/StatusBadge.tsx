export type BadgeTone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral'

const known: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'ok' },
  suspended: { label: 'Suspended', tone: 'bad' },
  unpaid: { label: 'Closed: unpaid', tone: 'warn' },
  draft: { label: 'Draft', tone: 'neutral' },
  archived: { label: 'Archived', tone: 'neutral' },
  inactive: { label: 'Inactive', tone: 'neutral' },
}

interface StatusBadgeProps {
  status: string
  label?: string
  tone?: BadgeTone
}

export function StatusBadge({ status, label, tone }: StatusBadgeProps) {
  const entry = known[status]
  return <span className={`badge badge-${tone ?? entry?.tone ?? 'neutral'}`}>{label ?? entry?.label ?? status}</span>
}
