import { useEffect, useRef } from 'react'
import { Link, useLocation, useParams, useSearchParams } from 'react-router'
import { ErrorState, Loading } from '../../../components/States'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'
import { saveGuestChat } from '../guestStore'
import { useResumeConversationMutation } from '../supportApi'
import { requestChatOpen } from '../useShopperChat'

/** Where the e-mailed answer's link leads: back into the conversation, in the chat panel. */
export function SupportResumePage() {
  useDocumentTitle('Your conversation')
  const { conversationId } = useParams()
  const [search] = useSearchParams()
  const location = useLocation()
  const user = useCurrentUser()
  const [resume, result] = useResumeConversationMutation()
  const asked = useRef(false)
  const id = Number(conversationId)
  const key = search.get('key') ?? ''

  useEffect(() => {
    if (asked.current || !key || !Number.isInteger(id)) return
    asked.current = true
    void resume({ conversation: id, key }).then((answer) => {
      if (!('data' in answer) || !answer.data) return
      if (answer.data.guest_token) saveGuestChat({ conversation: id, token: answer.data.guest_token })
      if (answer.data.guest_token || user) requestChatOpen()
    })
  }, [id, key, resume, user])

  if (!key) return <ErrorState error={{ status: 404, data: { error: { code: 'support_link_invalid', message: 'This link is incomplete.' } } }} />
  if (result.isLoading || result.isUninitialized) return <Loading label="Opening your conversation…" />
  if (result.error) return <ErrorState error={result.error} />
  const needsSignIn = result.data?.sign_in_required && !user
  return (
    <section aria-labelledby="resume-title">
      <h1 id="resume-title">Your conversation</h1>
      {needsSignIn ? (
        <p>
          <Link to="/account/login" state={{ from: location.pathname + location.search }}>
            Sign in
          </Link>{' '}
          to continue the conversation.
        </p>
      ) : (
        <>
          <p>Your conversation is open in the chat panel.</p>
          <button type="button" className="btn btn-primary" onClick={requestChatOpen}>
            Open the chat
          </button>
        </>
      )}
    </section>
  )
}
