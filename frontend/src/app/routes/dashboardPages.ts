/** The dashboard's shell and first screens, fetched when a merchant opens /dashboard (see shop.tsx). */
export { DashboardGate } from '../../features/dashboard/components/DashboardGate'
export { HandoffPage } from '../../features/dashboard/components/HandoffPage'
export { OverviewPage } from '../../features/dashboard/components/OverviewPage'
export { StaffPage } from '../../features/dashboard/components/StaffPage'
