/**
 * One token refresh at a time per origin, across tabs. Refresh tokens rotate and are single-use:
 * two tabs refreshing with the same one made the server see a reuse and end the session in
 * both. The tab holding the lock refreshes and stores the new pair (localStorage) before it lets
 * go; a tab that waited then finds the new pair in storage and uses it instead of refreshing.
 *
 * The Web Locks API does this where it exists; elsewhere a lock record in localStorage, with a
 * BroadcastChannel message (and the storage event) to wake the waiters when it is released.
 */
const LOCK_NAME = 'shopyard.auth.refresh'
const LOCK_KEY = 'shopyard.auth.refreshLock'
/** A holder that vanished (tab closed mid-refresh) stops blocking others after this. */
const HOLD_MS = 10_000
/** Between claiming the storage lock and reading it back, another tab's claim lands. */
const SETTLE_MS = 25

interface LockRecord {
  owner: string
  expires: number
}

export function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  if (locks && typeof locks.request === 'function') {
    return locks.request(LOCK_NAME, { mode: 'exclusive' }, work) as Promise<T>
  }
  return withStorageLock(work)
}

function readLock(): LockRecord | null {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(LOCK_KEY) ?? 'null') as LockRecord | null
    return parsed && typeof parsed.owner === 'string' && typeof parsed.expires === 'number' ? parsed : null
  } catch {
    return null
  }
}

function storageWorks(): boolean {
  try {
    return typeof window !== 'undefined' && Boolean(window.localStorage)
  } catch {
    return false
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Resolves when another tab says it released the lock, when storage changes, or at `until`. */
function released(until: number): Promise<void> {
  return new Promise((resolve) => {
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(LOCK_NAME) : null
    const onStorage = (event: StorageEvent) => {
      if (event.key === LOCK_KEY) done()
    }
    // The fallback for a holder that never says so (it crashed): its record expires.
    const timer = setTimeout(() => done(), Math.max(0, until - Date.now()))
    function done() {
      clearTimeout(timer)
      channel?.close()
      window.removeEventListener('storage', onStorage)
      resolve()
    }
    if (channel) channel.onmessage = () => done()
    window.addEventListener('storage', onStorage)
  })
}

async function withStorageLock<T>(work: () => Promise<T>): Promise<T> {
  if (!storageWorks()) return work()
  const owner = `${Date.now()}-${Math.random().toString(36).slice(2)}`
  for (;;) {
    const held = readLock()
    if (!held || held.expires <= Date.now()) {
      try {
        window.localStorage.setItem(LOCK_KEY, JSON.stringify({ owner, expires: Date.now() + HOLD_MS }))
      } catch {
        return work()
      }
      await pause(SETTLE_MS)
      if (readLock()?.owner === owner) break
      continue
    }
    await released(held.expires)
  }
  try {
    return await work()
  } finally {
    if (readLock()?.owner === owner) window.localStorage.removeItem(LOCK_KEY)
    if (typeof BroadcastChannel === 'function') {
      const channel = new BroadcastChannel(LOCK_NAME)
      channel.postMessage('released')
      channel.close()
    }
  }
}
