import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'

/**
 * After a refused submit, moves focus to the form's first field marked invalid (in the order a
 * person reads it), once the render that marks it has been committed; a form with no invalid
 * field keeps focus where it was (its alert is announced on its own).
 */
export function useFocusFirstInvalid<T extends HTMLElement = HTMLFormElement>(): [RefObject<T | null>, () => void] {
  const ref = useRef<T>(null)
  const [request, setRequest] = useState(0)
  useEffect(() => {
    if (!request) return
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [request])
  const requestFocus = useCallback(() => setRequest((n) => n + 1), [])
  return [ref, requestFocus]
}
