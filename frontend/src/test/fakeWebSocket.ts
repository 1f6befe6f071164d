/**
 * A stand-in for the browser's WebSocket, installed as the global one for every test (setup.ts),
 * so that no test opens a real connection. A test plays the server: `serverOpen()`,
 * `serverSend(message)`, `serverClose(code)`; `FakeWebSocket.instances` lists every socket made.
 * Call the server methods inside `act()` when they update what is on screen.
 */
export class FakeWebSocket extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3

  static instances: FakeWebSocket[] = []

  static reset() {
    FakeWebSocket.instances = []
  }

  /** The most recent socket (throws when there is none). */
  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1)
    if (!socket) throw new Error('No WebSocket has been opened')
    return socket
  }

  /** Sockets not closed yet (by either side). */
  static live(): FakeWebSocket[] {
    return FakeWebSocket.instances.filter((socket) => socket.readyState < FakeWebSocket.CLOSING)
  }

  readonly url: string
  readyState = FakeWebSocket.CONNECTING
  binaryType: BinaryType = 'blob'
  readonly bufferedAmount = 0
  readonly extensions = ''
  readonly protocol = ''
  /** Frames the client sent, parsed as JSON. */
  readonly sent: unknown[] = []
  /** The code the client closed with, if it did. */
  closedByClientWith: number | undefined

  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null

  constructor(url: string | URL) {
    super()
    this.url = String(url)
    FakeWebSocket.instances.push(this)
  }

  send(data: string) {
    if (this.readyState !== FakeWebSocket.OPEN) throw new DOMException('WebSocket is not open', 'InvalidStateError')
    this.sent.push(JSON.parse(data))
  }

  close(code = 1000, reason = '') {
    if (this.readyState >= FakeWebSocket.CLOSING) return
    this.closedByClientWith = code
    this.readyState = FakeWebSocket.CLOSING
    // Like a browser: the close event comes later, once the closing handshake is done.
    queueMicrotask(() => this.finishClose(code, reason, true))
  }

  // ---- the server's side ----

  serverOpen() {
    if (this.readyState !== FakeWebSocket.CONNECTING) throw new Error(`Cannot open a socket in state ${this.readyState}`)
    this.readyState = FakeWebSocket.OPEN
    this.fire('open', new Event('open'))
  }

  serverSend(message: unknown) {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error(`Cannot send on a socket in state ${this.readyState}`)
    this.fire('message', new MessageEvent('message', { data: JSON.stringify(message) }))
  }

  /** Opens the socket and sends the server's greeting. */
  serverAccept(hello: unknown = { type: 'hello', shop: 'acme', user: 'shopper@acme.test' }) {
    this.serverOpen()
    this.serverSend(hello)
  }

  /** The server closes (or refuses) the connection with `code`. */
  serverClose(code = 1006, reason = '') {
    if (this.readyState === FakeWebSocket.CLOSED) throw new Error('The socket is closed already')
    this.finishClose(code, reason, code !== 1006)
  }

  private finishClose(code: number, reason: string, wasClean: boolean) {
    if (this.readyState === FakeWebSocket.CLOSED) return
    this.readyState = FakeWebSocket.CLOSED
    this.fire('close', Object.assign(new Event('close'), { code, reason, wasClean }) as CloseEvent)
  }

  private fire(type: 'open' | 'message' | 'close', event: Event) {
    this.dispatchEvent(event)
    const handler = this[`on${type}`] as ((event: Event) => void) | null
    handler?.call(this, event)
  }
}
