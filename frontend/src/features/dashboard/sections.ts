/** The dashboard's side nav; add products, orders etc. here as their pages arrive. */
export interface DashboardSection {
  path: string
  label: string
  end?: boolean
}

export const dashboardSections: DashboardSection[] = [
  { path: '/dashboard', label: 'Overview', end: true },
  { path: '/dashboard/staff', label: 'Staff' },
]

export const DASHBOARD_ROLES = ['staff', 'owner'] as const
