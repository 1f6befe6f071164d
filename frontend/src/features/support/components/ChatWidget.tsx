import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { TextAreaField, TextField } from '../../../components/Fields'
import { ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { useOpenConversationMutation, useSupportStatusQuery } from '../supportApi'
import { OPEN_CHAT_EVENT, takeOpenRequest, useShopperChat } from '../useShopperChat'
import { ChatThreadView } from './ChatThreadView'
import '../support.css'

/** The chat button and panel on every storefront page. */
export function ChatWidget({ shopName }: { shopName: string }) {
  const [open, setOpen] = useState(false)
  const chat = useShopperChat(open)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const titleId = useId()

  useEffect(() => {
    const show = () => {
      takeOpenRequest()
      setOpen(true)
    }
    if (takeOpenRequest()) setOpen(true) // asked for before this widget had mounted
    window.addEventListener(OPEN_CHAT_EVENT, show)
    return () => window.removeEventListener(OPEN_CHAT_EVENT, show)
  }, [])

  useEffect(() => {
    if (open) panelRef.current?.querySelector<HTMLElement>('textarea, input, button.chat-close')?.focus()
  }, [open, chat.conversationId])

  function close() {
    setOpen(false)
    buttonRef.current?.focus()
  }

  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && panelRef.current?.contains(document.activeElement)) {
        setOpen(false)
        buttonRef.current?.focus()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [open])

  return (
    <div className="chat-widget">
      {open && (
        <div
          className="chat-panel"
          role="dialog"
          aria-labelledby={titleId}
          ref={panelRef}
        >
          <header className="chat-header">
            <h2 id={titleId}>Chat with {shopName}</h2>
            <button type="button" className="btn-link chat-close" onClick={close} aria-label="Close the chat">
              <span aria-hidden="true">×</span>
            </button>
          </header>
          <ChatPanelBody chat={chat} />
        </div>
      )}
      <button
        type="button"
        ref={buttonRef}
        className="btn btn-primary chat-launcher"
        aria-expanded={open}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {open ? 'Hide chat' : 'Chat with us'}
        {!open && chat.unread > 0 && (
          <span className="badge badge-bad chat-unread">
            {chat.unread}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </button>
    </div>
  )
}

function ChatPanelBody({ chat }: { chat: ReturnType<typeof useShopperChat> }) {
  if (chat.isStaff) {
    return (
      <div className="chat-pad">
        <p>You are signed in as this shop’s staff.</p>
        <Link to="/dashboard/support">Answer chats in the support inbox</Link>
      </div>
    )
  }
  if (chat.loading) return <Loading label="Loading your conversation…" />
  if (chat.error) return <ErrorState error={chat.error} onRetry={chat.retryLoad} />
  if (chat.conversationId === null) return <StartChat signedIn={Boolean(chat.user)} onStarted={chat.started} />
  const { expectation, state } = chat.connection
  return (
    <>
      {expectation && !expectation.staff_online && <p className="chat-note chat-offline">{expectation.text}</p>}
      {state === 'reconnecting' && (
        <p className="chat-note" role="status">
          Reconnecting… your messages are kept and sent when we are back.
        </p>
      )}
      <ChatThreadView
        thread={chat.thread}
        mySide="shopper"
        otherName="Support"
        visible
        closedNote="This conversation was closed. Write again to reopen it."
      />
    </>
  )
}

function StartChat({ signedIn, onStarted }: { signedIn: boolean; onStarted: (id: number, token: string | null) => void }) {
  const status = useSupportStatusQuery()
  const [open, { isLoading, error }] = useOpenConversationMutation()
  const [form, setForm] = useState({ name: '', email: '', body: '' })
  const fields = error ? parseApiError(error).fields : {}

  async function submit(event: FormEvent) {
    event.preventDefault()
    const result = await open(signedIn ? { body: form.body } : form)
    if ('data' in result && result.data) onStarted(result.data.conversation.id, result.data.guest_token)
  }

  return (
    <form className="chat-pad chat-start" onSubmit={submit} noValidate>
      <p className="chat-note" role="status">
        {status.data ? status.data.text : 'Ask us anything about products, orders or delivery.'}
      </p>
      {error && !Object.keys(fields).length && <ErrorState error={error} />}
      {!signedIn && (
        <>
          <TextField
            label="Your name"
            autoComplete="name"
            required
            value={form.name}
            errors={fields.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          <TextField
            label="Your e-mail"
            type="email"
            autoComplete="email"
            required
            hint="We send the answer here too if you have left."
            value={form.email}
            errors={fields.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </>
      )}
      <TextAreaField
        label="How can we help?"
        rows={3}
        maxLength={4000}
        required
        value={form.body}
        errors={fields.body}
        onChange={(e) => setForm({ ...form, body: e.target.value })}
      />
      <button type="submit" className="btn btn-primary" disabled={isLoading || !form.body.trim()}>
        {isLoading ? 'Starting…' : 'Start chat'}
      </button>
    </form>
  )
}
