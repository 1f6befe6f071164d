import { skipToken } from '@reduxjs/toolkit/query/react'
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react'
import { parseApiError, type FieldErrors } from '../../lib/apiError'
import type { Id } from '../../types/commerce'
import { useLazyQuoteQuery, useQuoteQuery } from './checkoutApi'

/** The server's totals for the chosen delivery rate, and the discount code that applies to them. */
export function useCheckoutQuote(
  rateId: Id | undefined,
  country: string,
  setFieldErrors: Dispatch<SetStateAction<FieldErrors>>,
) {
  const destination = country ? { country } : {}
  const [checkQuote, { isFetching: checking }] = useLazyQuoteQuery()
  const [input, setInput] = useState('')
  const [applied, setApplied] = useState('')
  const [status, setStatus] = useState('')

  const quote = useQuoteQuery(
    rateId !== undefined ? { shipping_rate_id: rateId, ...destination, ...(applied ? { discount_code: applied } : {}) } : skipToken,
  )
  // A code that stopped working (expired, cart changed) is shown at the code field and dropped.
  useEffect(() => {
    const codeErrors = quote.error ? parseApiError(quote.error).fields.discount_code : undefined
    if (codeErrors && applied) {
      setFieldErrors((current) => ({ ...current, discount_code: codeErrors }))
      setApplied('')
      setStatus('')
    }
  }, [quote.error, applied, setFieldErrors])

  async function apply() {
    const code = input.trim()
    setStatus('')
    if (!code) {
      setFieldErrors((current) => ({ ...current, discount_code: ['Enter a discount code.'] }))
      return
    }
    if (rateId === undefined) return
    try {
      const result = await checkQuote({ shipping_rate_id: rateId, ...destination, discount_code: code }).unwrap()
      setApplied(code)
      setFieldErrors(({ discount_code: _dropped, ...rest }) => rest)
      setStatus(
        `Code ${result.discount?.code ?? code} applied${result.discount?.description ? `: ${result.discount.description}` : ''}.`,
      )
    } catch (failure) {
      const parsed = parseApiError(failure)
      setFieldErrors((current) => ({ ...current, discount_code: parsed.fields.discount_code ?? [parsed.message] }))
    }
  }

  function remove() {
    setApplied('')
    setInput('')
    setStatus('Discount code removed.')
  }

  const quoteError = quote.error ? parseApiError(quote.error) : null
  return {
    quote,
    /** The quote's failure, unless it is about the code (shown at the code field instead). */
    quoteError: quoteError && !quoteError.fields.discount_code ? quote.error : undefined,
    code: { input, setInput, applied, status, checking, apply, remove },
  }
}

export type DiscountCodeControls = ReturnType<typeof useCheckoutQuote>['code']
