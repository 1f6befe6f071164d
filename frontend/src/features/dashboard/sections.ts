/** The dashboard's side nav; each entry has a route under /dashboard in app/routes/shop.tsx. */
export interface DashboardSection {
  path: string
  label: string
  end?: boolean
  /** The area of saas/accounts/roles.py this section belongs to; roles without it do not see it. */
  area: string
  /** Only the owner sees it (billing: the server refuses everyone else). */
  ownerOnly?: boolean
}

export const dashboardSections: DashboardSection[] = [
  { path: '/dashboard', label: 'Overview', area: 'overview', end: true },
  { path: '/dashboard/feed', label: 'Live feed', area: 'overview' },
  { path: '/dashboard/orders', label: 'Orders', area: 'orders' },
  { path: '/dashboard/products', label: 'Products', area: 'catalog' },
  { path: '/dashboard/categories', label: 'Categories', area: 'catalog' },
  { path: '/dashboard/import', label: 'Import / export', area: 'catalog' },
  { path: '/dashboard/customers', label: 'Customers', area: 'customers' },
  { path: '/dashboard/support', label: 'Support inbox', area: 'support' },
  { path: '/dashboard/promotions', label: 'Promotions', area: 'customers' },
  { path: '/dashboard/discounts', label: 'Discounts', area: 'settings' },
  { path: '/dashboard/shipping', label: 'Shipping', area: 'settings' },
  { path: '/dashboard/tax', label: 'Tax', area: 'settings' },
  { path: '/dashboard/stock-alerts', label: 'Stock alerts', area: 'settings' },
  // owner and managers (the server's rule for the shop's Stripe keys)
  { path: '/dashboard/payments', label: 'Payments', area: 'billing' },
  { path: '/dashboard/staff', label: 'Staff', area: 'staff' },
  { path: '/dashboard/recommendations', label: 'Recommendations', area: 'recs' },
  { path: '/dashboard/billing', label: 'Billing', area: 'billing', ownerOnly: true },
]

export const DASHBOARD_ROLES = ['owner', 'manager', 'staff', 'support'] as const

/** The sections a signed-in staff member may open (the server checks the same table). */
export function sectionsFor(permissions: Record<string, string> | undefined, role?: string): DashboardSection[] {
  if (!permissions) return dashboardSections.filter((section) => !section.ownerOnly || role === 'owner')
  return dashboardSections.filter((section) => section.area in permissions && (!section.ownerOnly || role === 'owner'))
}
