import { baseUrl, CART_TOKEN_HEADER } from '../../app/api'
import { VISITOR_HEADER, visitorId } from './visitor'

export type BeaconEvent =
  | { kind: 'view'; product_id: number }
  | { kind: 'cart'; slug: string; quantity: number }
  | { kind: 'click'; product_id: number; widget: string; request_id: string; position: number }

type Credentials = () => { access?: string | null; cartToken?: string | null }

const MAX_BATCH = 50
const FLUSH_MS = 400

/**
 * Behaviour events go out in small batches with fetch keepalive (it outlives a page change and
 * can carry the sign-in header, which sendBeacon cannot), a moment after they happen or when the
 * page is hidden. Signed in, a batch also tells the server that this visitor is that account.
 */
export class Beacon {
  private queue: BeaconEvent[] = []
  private timer: ReturnType<typeof setTimeout> | null = null
  private credentials: Credentials = () => ({})
  private inFlight: Promise<void> = Promise.resolve()

  constructor(private readonly url = `${baseUrl}/recs/events/`) {
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') void this.flush()
      })
    }
  }

  configure(credentials: Credentials) {
    this.credentials = credentials
  }

  send(event: BeaconEvent) {
    this.queue.push(event)
    if (this.queue.length >= MAX_BATCH) {
      void this.flush()
      return
    }
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS)
  }

  /** Sends what is queued and waits for it, so a widget asked for next sees those events. */
  settled(): Promise<void> {
    void this.flush()
    return this.inFlight
  }

  /** Tells the server this browser is now signed in, so its anonymous history follows the account. */
  identify(): Promise<void> {
    const previous = this.inFlight
    this.inFlight = this.post([]).then(() => previous)
    return this.inFlight
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const events = this.queue.splice(0, MAX_BATCH)
    if (events.length === 0) return this.inFlight
    const previous = this.inFlight
    this.inFlight = this.post(events).then(() => previous)
    return this.inFlight
  }

  private async post(events: BeaconEvent[]): Promise<void> {
    const { access, cartToken } = this.credentials()
    const headers: Record<string, string> = { 'Content-Type': 'application/json', [VISITOR_HEADER]: visitorId() }
    if (access) headers.Authorization = `Bearer ${access}`
    if (cartToken) headers[CART_TOKEN_HEADER] = cartToken
    try {
      await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ visitor_id: visitorId(), events }),
        keepalive: true,
      })
    } catch {
      // Behaviour data is best effort: a lost batch never bothers the shopper.
    }
    if (this.queue.length) void this.flush()
  }
}

export const beacon = new Beacon()
