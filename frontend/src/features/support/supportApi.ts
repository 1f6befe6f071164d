import type { FetchBaseQueryError } from '@reduxjs/toolkit/query'
import { api } from '../../app/api'
import type { ChatMessage, Conversation, ConversationDetail, Expectation, SocketTicket } from './types'

/** A guest's requests carry its conversation's secret; a signed-in shopper's, the JWT. */
function guestHeaders(token?: string | null): Record<string, string> {
  return token ? { 'X-Support-Token': token } : {}
}

export interface Page<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

export interface InboxStaffMember {
  id: number
  email: string
  full_name: string
  role: string
}

export const supportApi = api.injectEndpoints({
  endpoints: (build) => ({
    supportStatus: build.query<Expectation, void>({ query: () => '/support/status/' }),
    myConversations: build.query<Conversation[], void>({ query: () => '/support/conversations/' }),
    supportConversation: build.query<ConversationDetail, { id: number; token?: string | null }>({
      query: ({ id, token }) => ({ url: `/support/conversations/${id}/`, headers: guestHeaders(token) }),
      keepUnusedDataFor: 0,
    }),
    openConversation: build.mutation<
      ConversationDetail & { guest_token: string | null },
      { body: string; email?: string; name?: string }
    >({
      query: (body) => ({ url: '/support/conversations/', method: 'POST', body }),
    }),
    postShopperMessage: build.mutation<ChatMessage, { id: number; body: string; token?: string | null }>({
      query: ({ id, body, token }) => ({
        url: `/support/conversations/${id}/messages/`,
        method: 'POST',
        body: { body },
        headers: guestHeaders(token),
      }),
    }),
    supportTicket: build.mutation<SocketTicket, { token?: string | null }>({
      query: ({ token }) => ({ url: '/support/ticket/', method: 'POST', headers: guestHeaders(token) }),
    }),
    resumeConversation: build.mutation<
      { conversation: number; guest_token: string | null; sign_in_required: boolean },
      { conversation: number; key: string }
    >({
      query: (body) => ({ url: '/support/resume/', method: 'POST', body }),
    }),

    inboxConversations: build.query<Page<Conversation>, { status: string; assigned: string }>({
      query: ({ status, assigned }) => ({
        url: '/dashboard/support/conversations/',
        params: { ...(status ? { status } : {}), ...(assigned ? { assigned } : {}), page_size: 100 },
      }),
      keepUnusedDataFor: 0,
    }),
    inboxConversation: build.query<ConversationDetail, number>({
      query: (id) => `/dashboard/support/conversations/${id}/`,
      keepUnusedDataFor: 0,
    }),
    inboxPost: build.mutation<ChatMessage, { id: number; body: string }>({
      query: ({ id, body }) => ({ url: `/dashboard/support/conversations/${id}/messages/`, method: 'POST', body: { body } }),
    }),
    inboxAssign: build.mutation<Conversation, { id: number; assignee: number | null }>({
      query: ({ id, assignee }) => ({
        url: `/dashboard/support/conversations/${id}/assign/`,
        method: 'POST',
        body: { assignee },
      }),
    }),
    inboxClose: build.mutation<Conversation, number>({
      query: (id) => ({ url: `/dashboard/support/conversations/${id}/close/`, method: 'POST' }),
    }),
    inboxStaff: build.query<InboxStaffMember[], void>({ query: () => '/dashboard/support/staff/' }),
    inboxTicket: build.mutation<SocketTicket, void>({
      query: () => ({ url: '/dashboard/support/ticket/', method: 'POST' }),
    }),
  }),
})

/** A ticket refused for a reason waiting will not fix (403, 404…); 401, 408, 429 and 5xx retry. */
export function refusedForGood(error: unknown): boolean {
  const status = (error as FetchBaseQueryError | undefined)?.status
  return typeof status === 'number' && status >= 400 && status < 500 && ![401, 408, 429].includes(status)
}

export const {
  useSupportStatusQuery,
  useMyConversationsQuery,
  useSupportConversationQuery,
  useOpenConversationMutation,
  usePostShopperMessageMutation,
  useSupportTicketMutation,
  useResumeConversationMutation,
  useInboxConversationsQuery,
  useInboxConversationQuery,
  useInboxPostMutation,
  useInboxAssignMutation,
  useInboxCloseMutation,
  useInboxStaffQuery,
  useInboxTicketMutation,
} = supportApi
