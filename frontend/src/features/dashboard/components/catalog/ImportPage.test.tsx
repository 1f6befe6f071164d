import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, owner, shopConfig } from '../../../../test/fixtures'
import { server, userFor } from '../../../../test/server'
import { renderApp } from '../../../../test/test-utils'

const job = (overrides: Record<string, unknown>) => ({
  id: 5,
  status: 'queued',
  total: 0,
  processed: 0,
  created: 0,
  updated: 0,
  errors: [],
  ...overrides,
})

describe('CSV import', () => {
  it('uploads the file, polls the job every second with a progress bar, then lists the rows that failed', async () => {
    const uploads: { auth: string | null; hasFile: boolean }[] = []
    const polls: number[] = []
    const answers = [
      job({ status: 'running', total: 4, processed: 2 }),
      job({ status: 'done', total: 4, processed: 4, created: 2, updated: 1, errors: [{ line: 3, message: 'Price is not a number.' }] }),
    ]
    server.use(
      http.post('/api/dashboard/products/import/', async ({ request }) => {
        if (!userFor(request)) return HttpResponse.json(apiError('not_authenticated', 'Sign in.'), { status: 401 })
        // jsdom's FormData does not survive the trip into Node's Request byte for byte, so only
        // the field itself is checked here; the browser sends the real file.
        const form = await request.formData()
        uploads.push({ auth: request.headers.get('Authorization'), hasFile: form.has('file') })
        return HttpResponse.json(job({}), { status: 202 })
      }),
      http.get('/api/dashboard/imports/5/', () => {
        polls.push(Date.now())
        return HttpResponse.json(answers[Math.min(polls.length - 1, answers.length - 1)])
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/import', signedInAs: owner })

    expect(await screen.findByRole('heading', { name: 'Import and export' })).toBeInTheDocument()
    // The format is documented on the page.
    const region = screen.getByRole('region', { name: 'CSV columns' })
    for (const name of ['handle', 'option1_name', 'compare_at_price', 'stock']) {
      expect(within(region).getByText(name)).toBeInTheDocument()
    }

    await user.upload(
      screen.getByLabelText('CSV file'),
      new File(['handle,title\nmug,Mug\n'], 'products.csv', { type: 'text/csv' }),
    )
    await user.click(screen.getByRole('button', { name: 'Start import' }))

    const progress = await screen.findByRole('progressbar', { name: 'Import progress' })
    await waitFor(() => expect(screen.getByText('Importing… 2 of 4 rows')).toBeInTheDocument())
    expect(progress).toHaveAttribute('value', '2')
    expect(progress).toHaveAttribute('max', '4')
    expect(screen.getByRole('button', { name: 'Start import' })).toBeDisabled()

    expect(
      await screen.findByText('Import finished: 2 created, 1 updated, 1 error.', {}, { timeout: 4000 }),
    ).toBeInTheDocument()
    const errors = screen.getByRole('table', { name: 'Rows with errors' })
    expect(within(errors).getByRole('row', { name: /3 Price is not a number\./ })).toBeInTheDocument()

    expect(uploads).toEqual([{ auth: expect.stringMatching(/^Bearer access-/), hasFile: true }])
    expect(polls.length).toBe(2)
    expect(polls[1] - polls[0]).toBeGreaterThanOrEqual(900)

    // Finished: no more polling.
    await new Promise((resolve) => setTimeout(resolve, 1300))
    expect(polls.length).toBe(2)
    expect(screen.getByRole('button', { name: 'Start import' })).toBeEnabled()
  }, 30_000)

  it('shows a file the server refuses next to the file input', async () => {
    server.use(
      http.post('/api/dashboard/products/import/', () =>
        HttpResponse.json(
          apiError('validation_error', 'Check the file.', { file: ['The header row is missing the "sku" column.'] }),
          { status: 400 },
        ),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/import', signedInAs: owner })

    await user.upload(await screen.findByLabelText('CSV file'), new File(['nope'], 'bad.csv', { type: 'text/csv' }))
    await user.click(screen.getByRole('button', { name: 'Start import' }))

    await waitFor(() =>
      expect(screen.getByLabelText('CSV file')).toHaveAccessibleDescription('The header row is missing the "sku" column.'),
    )
  })
})
