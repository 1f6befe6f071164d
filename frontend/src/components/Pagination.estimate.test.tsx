import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { approx, formatApproxCount } from '../lib/format'
import { Pagination } from './Pagination'

describe('estimated counts', () => {
  it('says "about" with two significant figures when the server estimates', () => {
    expect(formatApproxCount(10437, true, 'product')).toBe('about 10,000 products')
    expect(formatApproxCount(1283, true, 'product')).toBe('about 1,300 products')
    expect(formatApproxCount(12, false, 'product')).toBe('12 products')
    expect(approx(99)).toBe(99)
  })

  it('gives an estimated number of pages until the last page is reached', () => {
    const { rerender } = render(
      <Pagination page={3} count={10437} pageSize={24} hasPrevious hasNext countIsEstimate onPageChange={() => {}} />,
    )
    expect(screen.getByText('Page 3 of about 440')).toBeInTheDocument()
    rerender(<Pagination page={435} count={10437} pageSize={24} hasPrevious hasNext={false} countIsEstimate onPageChange={() => {}} />)
    expect(screen.getByText('Page 435 of 435')).toBeInTheDocument()
  })
})
