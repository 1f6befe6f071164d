import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'

/**
 * Moves focus to `ref`'s element once the render that shows it has been committed. Focusing from
 * a `requestAnimationFrame` raced React: on a busy machine the frame could run before the element
 * (just re-mounted with a new message) existed, and focus stayed on the button that was pressed.
 */
export function useFocusAfterRender<T extends HTMLElement>(
  /** Focus the element as soon as it is first shown (e.g. news that replaced the pressed button). */
  onMount = false,
): [RefObject<T | null>, () => void] {
  const ref = useRef<T>(null)
  const [request, setRequest] = useState(onMount ? 1 : 0)
  useEffect(() => {
    if (request) ref.current?.focus()
  }, [request])
  const requestFocus = useCallback(() => setRequest((n) => n + 1), [])
  return [ref, requestFocus]
}
