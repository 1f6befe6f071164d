/** The dashboard's side nav; each entry has a route under /dashboard in app/routes/shop.tsx. */
export interface DashboardSection {
  path: string
  label: string
  end?: boolean
}

export const dashboardSections: DashboardSection[] = [
  { path: '/dashboard', label: 'Overview', end: true },
  { path: '/dashboard/orders', label: 'Orders' },
  { path: '/dashboard/products', label: 'Products' },
  { path: '/dashboard/categories', label: 'Categories' },
  { path: '/dashboard/import', label: 'Import / export' },
  { path: '/dashboard/customers', label: 'Customers' },
  { path: '/dashboard/discounts', label: 'Discounts' },
  { path: '/dashboard/shipping', label: 'Shipping' },
  { path: '/dashboard/tax', label: 'Tax' },
  { path: '/dashboard/staff', label: 'Staff' },
  { path: '/dashboard/recommendations', label: 'Recommendations' },
]

export const DASHBOARD_ROLES = ['staff', 'owner'] as const
