import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { ChatThread } from '../useChat'
import type { Side } from '../types'
import '../support.css'

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

function time(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date)
}

interface Props {
  thread: ChatThread
  mySide: Side
  /** What the other side is called in "… is typing". */
  otherName: string
  /** The thread is on screen (receipts are sent only then). */
  visible: boolean
  closedNote?: string
  composerLabel?: string
}

/**
 * A conversation's messages and the box to answer. New messages are announced politely (the
 * list is a log); Enter sends, Shift+Enter starts a new line.
 */
export function ChatThreadView({ thread, mySide, otherName, visible, closedNote, composerLabel = 'Your message' }: Props) {
  const { messages, pending, otherTyping, conversation, markSeen } = thread
  const [draft, setDraft] = useState('')
  const listRef = useRef<HTMLOListElement>(null)
  const composerId = useId()
  const lastOwn = [...messages].reverse().find((m) => m.side === mySide)

  useEffect(() => {
    const list = listRef.current
    if (list) list.scrollTop = list.scrollHeight
  }, [messages.length, pending.length, otherTyping])

  useEffect(() => {
    if (visible && document.visibilityState !== 'hidden') markSeen()
  }, [visible, messages, markSeen])

  function submit(event?: FormEvent) {
    event?.preventDefault()
    const body = draft.trim()
    if (!body) return
    thread.sendMessage(body)
    setDraft('')
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }

  return (
    <div className="chat-thread">
      <ol className="chat-messages" ref={listRef} role="log" aria-live="polite" aria-label="Messages">
        {messages.map((m) => (
          <li key={m.seq} className={`chat-message chat-${m.side === mySide ? 'mine' : 'theirs'}`}>
            <span className="visually-hidden">{m.side === mySide ? 'You' : m.author_name} said: </span>
            <p className="chat-body">{m.body}</p>
            <span className="chat-meta">
              {m.side !== mySide && <span aria-hidden="true">{m.author_name} · </span>}
              <time dateTime={m.created_at}>{time(m.created_at)}</time>
              {m === lastOwn && m.read_at && <span className="chat-receipt"> · Seen</span>}
            </span>
          </li>
        ))}
        {thread.pending.map((p) => (
          <li key={p.clientId} className="chat-message chat-mine chat-pending">
            <p className="chat-body">{p.body}</p>
            <span className="chat-meta">
              {p.failed ? (
                <>
                  Not sent.{' '}
                  <button type="button" className="btn-link" onClick={() => thread.retry(p.clientId)}>
                    Try again
                  </button>
                </>
              ) : (
                'Sending…'
              )}
            </span>
          </li>
        ))}
      </ol>
      <p className="chat-typing" aria-live="polite">
        {otherTyping ? `${otherName} is typing…` : ''}
      </p>
      {conversation?.status === 'closed' && closedNote && <p className="chat-note">{closedNote}</p>}
      <form className="chat-composer" onSubmit={submit}>
        <label htmlFor={composerId} className="visually-hidden">
          {composerLabel}
        </label>
        <textarea
          id={composerId}
          rows={2}
          maxLength={4000}
          value={draft}
          placeholder="Write a message…"
          onChange={(e) => {
            setDraft(e.target.value)
            if (e.target.value) thread.typing()
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="btn btn-primary" disabled={!draft.trim()}>
          Send
        </button>
      </form>
    </div>
  )
}
