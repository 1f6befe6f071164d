import { describe, expect, it } from 'vitest'
import { humanField } from '../components/ErrorSummary'
import { fieldsUnder, parseApiError } from './apiError'
import { formatMoney, formatOrderNumber, isMoneyInput, isZeroAmount, moneyInputProblem } from './format'
import { keyForAttempt } from './idempotency'

describe('money', () => {
  it('formats decimal strings exactly, without going through floats', () => {
    expect(formatMoney('12.50', 'GBP')).toBe('£12.50')
    expect(formatMoney('0.10', 'EUR')).toBe('€0.10')
    // A float would print 90071992547409.90 as ...09.91 or lose digits.
    expect(formatMoney('90071992547409.99', 'GBP')).toBe('£90,071,992,547,409.99')
    expect(formatMoney(null, 'GBP')).toBe('—')
    expect(formatMoney('n/a', 'GBP')).toBe('n/a GBP')
  })

  it('recognises zero and typed amounts on the string', () => {
    expect(isZeroAmount('0.00')).toBe(true)
    expect(isZeroAmount('0')).toBe(true)
    expect(isZeroAmount('0.01')).toBe(false)
    expect(isZeroAmount('')).toBe(false)
    expect(isMoneyInput('12')).toBe(true)
    expect(isMoneyInput('12.5')).toBe(true)
    expect(isMoneyInput('12.505')).toBe(false)
    expect(isMoneyInput('-1')).toBe(false)
    expect(isMoneyInput('99999999999999')).toBe(false)
    // a number too large is told the maximum, not that it is not a number
    expect(moneyInputProblem('99999999999999')).toBe('Prices go up to 9,999,999,999.99.')
    expect(moneyInputProblem('10000000000.00')).toBe('Prices go up to 9,999,999,999.99.')
    expect(moneyInputProblem('9999999999.99')).toBe('')
    expect(moneyInputProblem('12.505')).toBe('Use at most two decimals, like 12.50.')
    expect(moneyInputProblem('abc')).toBe('Enter prices as numbers, like 5 or 12.50.')
  })
})

describe('field errors', () => {
  it('flattens nested and listed serializer errors into dotted paths', () => {
    const error = parseApiError({
      status: 400,
      data: {
        error: {
          code: 'validation_error',
          message: 'Fix it',
          fields: {
            'shipping_address.city': ['Flat one.'],
            shipping_address: { postcode: ['Nested one.'] },
            variants: [{}, { sku: ['Taken.'], options: { Size: ['Required.'] } }],
            payment: 'Just a string.',
          },
        },
      },
    })
    expect(error.fields).toEqual({
      'shipping_address.city': ['Flat one.'],
      'shipping_address.postcode': ['Nested one.'],
      'variants.1.sku': ['Taken.'],
      'variants.1.options.Size': ['Required.'],
      payment: ['Just a string.'],
    })
    expect(fieldsUnder(error.fields, 'shipping_address')).toEqual({ city: ['Flat one.'], postcode: ['Nested one.'] })
  })
})

describe('idempotency keys', () => {
  it('reuses the key only for the same body after an unresolved attempt', () => {
    const first = keyForAttempt(null, { a: 1 })
    expect(keyForAttempt(first, { a: 1 }).key).not.toBe(first.key)
    first.unresolved = true
    expect(keyForAttempt(first, { a: 1 }).key).toBe(first.key)
    expect(keyForAttempt(first, { a: 2 }).key).not.toBe(first.key)
  })
})

describe('error summary labels', () => {
  it('names flattened field paths for people', () => {
    expect(humanField('gift_note')).toBe('Gift note')
    expect(humanField('variants.sku')).toBe('Variant SKU')
    expect(humanField('variants.1.sku')).toBe('Variant 2 SKU')
    expect(humanField('shipping_address.postcode')).toBe('Shipping address Postcode')
    expect(humanField('non_field_errors')).toBe('Error')
  })
})

describe('order numbers', () => {
  it('read "Order #6411" wherever they are shown, never with a second "#"', () => {
    expect(formatOrderNumber('6411')).toBe('Order #6411')
    expect(formatOrderNumber(6411)).toBe('Order #6411')
    expect(formatOrderNumber('#6411')).toBe('Order #6411')
    expect(formatOrderNumber(' 6411 ')).toBe('Order #6411')
  })

  it('start lower case inside a sentence', () => {
    expect(`Pay for ${formatOrderNumber('A-17', { midSentence: true })}`).toBe('Pay for order #A-17')
  })
})
