import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'

/**
 * Moves focus to `ref`'s element once the render that shows it has been committed. Focusing from
 * a `requestAnimationFrame` raced React: on a busy machine the frame could run before the element
 * (just re-mounted with a new message) existed, and focus stayed on the button that was pressed.
 */
export function useFocusAfterRender<T extends HTMLElement>(): [RefObject<T | null>, () => void] {
  const ref = useRef<T>(null)
  const [request, setRequest] = useState(0)
  useEffect(() => {
    if (request) ref.current?.focus()
  }, [request])
  const requestFocus = useCallback(() => setRequest((n) => n + 1), [])
  return [ref, requestFocus]
}
