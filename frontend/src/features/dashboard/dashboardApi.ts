import { api } from '../../app/api'
import type { PlanRef } from '../../types/api'

export interface DashboardOverview {
  shop: { name: string; subdomain: string; currency: string; plan: PlanRef }
  counts: { products: number; customers: number; staff: number }
}

export interface StaffMember {
  id: number | string
  email: string
  full_name: string
  role: 'owner' | 'manager' | 'staff' | 'support'
  date_joined: string
}

export const dashboardApi = api.injectEndpoints({
  endpoints: (build) => ({
    overview: build.query<DashboardOverview, void>({
      query: () => '/dashboard/overview/',
      providesTags: ['Overview'],
    }),
    staff: build.query<{ count: number; results: StaffMember[] }, void>({
      query: () => '/dashboard/staff/',
      providesTags: ['Staff'],
    }),
  }),
})

export const { useOverviewQuery, useStaffQuery } = dashboardApi
