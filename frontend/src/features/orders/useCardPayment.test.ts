import { describe, expect, it, vi } from 'vitest'
import type { Order } from '../../types/commerce'
import { completeAuthentication } from './useCardPayment'

const order = { id: 7, number: '1007', payment_status: 'pending' } as Order

describe('completeAuthentication', () => {
  it('authenticates a payment that requires action, then asks the server again', async () => {
    const authenticate = vi.fn<(secret: string) => Promise<{ error?: string }>>(async () => ({}))
    const paid = { ...order, payment_status: 'paid' } as Order
    const sendAgain = vi.fn<() => Promise<Order>>(async () => paid)
    const pending = { ...order, payment: { status: 'requires_action', client_secret: 'pi_1_secret_x', code: '', message: '' } } as Order
    await expect(completeAuthentication(pending, authenticate, sendAgain)).resolves.toBe(paid)
    expect(authenticate).toHaveBeenCalledWith('pi_1_secret_x')
    expect(sendAgain).toHaveBeenCalledOnce()
  })

  it('asks the server even when the authentication failed: its answer, not the browser’s, decides', async () => {
    const declined = new Error('402')
    const sendAgain = vi.fn<() => Promise<Order>>(async () => Promise.reject(declined))
    const pending = { ...order, payment: { status: 'requires_action', client_secret: 's', code: '', message: '' } } as Order
    await expect(completeAuthentication(pending, async () => ({ error: 'Failed' }), sendAgain)).rejects.toBe(declined)
  })

  it('leaves a settled answer alone', async () => {
    const sendAgain = vi.fn<() => Promise<Order>>(async () => order)
    await expect(completeAuthentication(order, async () => ({}), sendAgain)).resolves.toBe(order)
    expect(sendAgain).not.toHaveBeenCalled()
  })
})
