import { api } from '../../app/api'
import type { StaffMember } from './dashboardApi'

export type InvitableRole = 'manager' | 'staff' | 'support'

export interface StaffInvitation {
  id: number
  email: string
  role: InvitableRole
  state: 'pending' | 'expired'
  invited_by: string
  created_at: string
  expires_at: string
}

export const staffApi = api.injectEndpoints({
  endpoints: (build) => ({
    staffInvitations: build.query<StaffInvitation[], void>({
      query: () => '/dashboard/staff/invitations/',
      providesTags: ['Staff'],
    }),
    inviteStaff: build.mutation<StaffInvitation, { email: string; role: InvitableRole }>({
      query: (body) => ({ url: '/dashboard/staff/invitations/', method: 'POST', body }),
      invalidatesTags: ['Staff'],
    }),
    revokeInvitation: build.mutation<void, number>({
      query: (id) => ({ url: `/dashboard/staff/invitations/${id}/`, method: 'DELETE' }),
      invalidatesTags: ['Staff'],
    }),
    changeStaffRole: build.mutation<StaffMember, { id: number | string; role: InvitableRole }>({
      query: ({ id, role }) => ({ url: `/dashboard/staff/${id}/`, method: 'PATCH', body: { role } }),
      invalidatesTags: ['Staff', 'Overview'],
    }),
    removeStaff: build.mutation<void, number | string>({
      query: (id) => ({ url: `/dashboard/staff/${id}/`, method: 'DELETE' }),
      invalidatesTags: ['Staff', 'Overview'],
    }),
  }),
})

export const {
  useStaffInvitationsQuery,
  useInviteStaffMutation,
  useRevokeInvitationMutation,
  useChangeStaffRoleMutation,
  useRemoveStaffMutation,
} = staffApi
