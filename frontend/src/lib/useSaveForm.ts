import { useState, type FormEvent } from 'react'
import { parseApiError, type ApiError, type FieldErrors } from './apiError'

/**
 * The submit cycle of a form: check it on the client, save, and show the server's answer (its
 * message as `error`, its field errors next to the inputs).
 */
export function useSaveForm<Body>(
  validate: () => { body: Body | null; errors: FieldErrors },
  save: (body: Body) => Promise<unknown>,
) {
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<ApiError | null>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const { body, errors } = validate()
    setFields(errors)
    if (!body) return
    setError(null)
    try {
      await save(body)
    } catch (failure) {
      const parsed = parseApiError(failure)
      setError(parsed)
      setFields(parsed.fields)
    }
  }

  return { fields, error, onSubmit }
}
