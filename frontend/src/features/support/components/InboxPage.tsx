import { skipToken } from '@reduxjs/toolkit/query/react'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { SelectField } from '../../../components/Fields'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { upsertConversation } from '../chatModel'
import { useAppDispatch } from '../../../app/hooks'
import {
  refusedForGood,
  supportApi,
  useInboxAssignMutation,
  useInboxCloseMutation,
  useInboxConversationQuery,
  useInboxConversationsQuery,
  useInboxPostMutation,
  useInboxStaffQuery,
  useInboxTicketMutation,
} from '../supportApi'
import type { TicketOutcome } from '../supportSocket'
import type { Conversation, ServerFrame } from '../types'
import { useChatThread, useSupportConnection, type Connection } from '../useChat'
import { ChatThreadView } from './ChatThreadView'
import '../support.css'

const noConversations: Conversation[] = []

const FILTERS = [
  { key: 'open', label: 'Open', status: 'open', assigned: '' },
  { key: 'mine', label: 'Assigned to me', status: 'open', assigned: 'me' },
  { key: 'unassigned', label: 'Unassigned', status: 'open', assigned: 'none' },
  { key: 'closed', label: 'Closed', status: 'closed', assigned: '' },
] as const

function fits(filter: (typeof FILTERS)[number], c: Conversation): boolean {
  return c.status === filter.status && (filter.assigned !== 'none' || c.assignee === null)
}

/** The dashboard's support inbox: conversations live on the left, the open one on the right. */
export function InboxPage() {
  useDocumentTitle('Support inbox')
  const params = useParams()
  const selected = params.conversationId ? Number(params.conversationId) : null
  const [filterKey, setFilterKey] = useState<(typeof FILTERS)[number]['key']>('open')
  const filter = FILTERS.find((f) => f.key === filterKey) ?? FILTERS[0]
  const args = useMemo(() => ({ status: filter.status, assigned: filter.assigned }), [filter])
  // Live changes go into this cache entry, so opening a conversation (another route) keeps them;
  // a fresh mount still asks the server, which has everything.
  const list = useInboxConversationsQuery(args, { refetchOnMountOrArgChange: true })
  const items = list.data?.results ?? noConversations
  const dispatch = useAppDispatch()

  const [issueTicket] = useInboxTicketMutation()
  const getTicket = useCallback(async (): Promise<TicketOutcome> => {
    const result = await issueTicket()
    if ('data' in result && result.data) return { url: result.data.url }
    return { error: refusedForGood(result.error) ? 'stop' : 'retry' }
  }, [issueTicket])
  const threadFrames = useRef<(frame: ServerFrame) => void>(() => undefined)
  const filterRef = useRef({ filter, args })
  useLayoutEffect(() => {
    filterRef.current = { filter, args }
  }, [filter, args])
  const connection = useSupportConnection(true, getTicket, (frame) => {
    if (frame.type === 'conversation') {
      const item = frame.conversation
      const shown = filterRef.current
      dispatch(
        supportApi.util.updateQueryData('inboxConversations', shown.args, (draft) => {
          // "Assigned to me" is the server's to decide: there a pushed item only updates
          const current = draft.results
          draft.results =
            fits(shown.filter, item) && shown.filter.assigned !== 'me'
              ? upsertConversation(current, item)
              : current.map((c) => (c.id === item.id ? item : c))
        }),
      )
    }
    threadFrames.current(frame)
  })
  const { generation } = connection
  const { refetch } = list
  useEffect(() => {
    // Whatever changed while the socket was down reaches the list this way.
    if (generation > 1) void refetch()
  }, [generation, refetch])

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Support inbox</h1>
      {connection.state === 'reconnecting' && (
        <p className="alert alert-info" role="status">
          Reconnecting to live updates…
        </p>
      )}
      <div className="inbox-filters" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <button
            key={f.key}
            type="button"
            className={`btn btn-small ${f.key === filterKey ? 'btn-primary' : 'btn-secondary'}`}
            aria-pressed={f.key === filterKey}
            onClick={() => setFilterKey(f.key)}
          >
            {f.label}
          </button>
        ))}
      </div>
      <div className="inbox">
        <nav aria-label="Conversations">
          {list.isLoading ? (
            <Loading label="Loading conversations…" />
          ) : list.error ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState title="No conversations here">
              <p>New chats from shoppers appear here as they arrive.</p>
            </EmptyState>
          ) : (
            <ul className="inbox-list" aria-live="polite" aria-relevant="additions">
              {items.map((c) => (
                <li key={c.id}>
                  <Link to={`/dashboard/support/${c.id}`} aria-current={c.id === selected ? 'page' : undefined}>
                    <span className="inbox-item-top">
                      <span>{c.name}</span>
                      {c.staff_unread > 0 && (
                        <span className="badge badge-info">
                          {c.staff_unread}
                          <span className="visually-hidden"> unread</span>
                        </span>
                      )}
                    </span>
                    <span className="inbox-preview">{c.subject}</span>
                    {c.last_message && (
                      <span className="inbox-preview">
                        {c.last_message.side === 'staff' ? 'You: ' : ''}
                        {c.last_message.body}
                      </span>
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
        {selected === null ? (
          <EmptyState title="Choose a conversation">
            <p>Pick one from the list to read and answer it.</p>
          </EmptyState>
        ) : (
          <InboxThread key={selected} id={selected} connection={connection} framesRef={threadFrames} />
        )}
      </div>
    </section>
  )
}

function InboxThread({
  id,
  connection,
  framesRef,
}: {
  id: number
  connection: Connection
  framesRef: { current: (frame: ServerFrame) => void }
}) {
  const detail = useInboxConversationQuery(id ?? skipToken)
  const staff = useInboxStaffQuery()
  const [post] = useInboxPostMutation()
  const [assign, assigning] = useInboxAssignMutation()
  const [close, closing] = useInboxCloseMutation()
  const postRest = useCallback((body: string) => post({ id, body }).unwrap(), [id, post])
  const thread = useChatThread({ conversationId: id, mySide: 'staff', connection, initial: detail.data, postRest })
  useLayoutEffect(() => {
    framesRef.current = thread.handleFrame
  }, [framesRef, thread.handleFrame])
  const conversation = thread.conversation ?? detail.data?.conversation

  if (detail.isLoading) return <Loading label="Loading the conversation…" />
  if (detail.error || !conversation) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
  return (
    <article className="inbox-thread" aria-labelledby="thread-title">
      <div className="inbox-toolbar">
        <div>
          <h2 id="thread-title">{conversation.subject}</h2>
          <p className="muted">
            {conversation.name} · <a href={`mailto:${conversation.email}`}>{conversation.email}</a>
            {conversation.is_guest ? ' · guest' : ''} · {conversation.status === 'open' ? 'Open' : 'Closed'}
          </p>
        </div>
        <SelectField
          label="Assigned to"
          value={conversation.assignee ?? ''}
          disabled={assigning.isLoading || !staff.data}
          onChange={(e) => void assign({ id, assignee: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">Nobody</option>
          {staff.data?.map((member) => (
            <option key={member.id} value={member.id}>
              {member.full_name || member.email}
            </option>
          ))}
        </SelectField>
        {conversation.status === 'open' && (
          <button type="button" className="btn btn-secondary" disabled={closing.isLoading} onClick={() => void close(id)}>
            Close conversation
          </button>
        )}
      </div>
      {(assigning.error || closing.error) && <ErrorState error={assigning.error ?? closing.error} />}
      <ChatThreadView
        thread={thread}
        mySide="staff"
        otherName={conversation.name}
        visible
        composerLabel={`Answer ${conversation.name}`}
        closedNote="Closed. Answering does not reopen it; the shopper’s next message does."
      />
    </article>
  )
}
