import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { owner, shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import type { RecsPanel, TrainingRun } from '../types'

function run(overrides: Partial<TrainingRun> = {}): TrainingRun {
  return {
    id: 4, status: 'done', trigger: 'manual', stage: 'Done', progress: 100, is_current: true, promoted: true,
    not_promoted_reason: '', score: 0.231, events_count: 5400, users_count: 310, products_count: 400,
    fit_seconds: 3.2, nbytes: 480_000, error: '', created_at: '2026-12-01T10:00:00Z',
    finished_at: '2026-12-01T10:00:04Z', ...overrides,
  }
}

function panel(overrides: Partial<RecsPanel> = {}): RecsPanel {
  const widget = (name: RecsPanel['widgets'][number]['widget'], label: string, n = 0) => ({
    widget: name, label, impressions: n * 10, clicks: n, ctr: n ? 0.1 : null, add_to_carts: n ? 1 : 0,
    orders: n ? 1 : 0, revenue: n ? '24.00' : '0.00', served_by: (n ? { popularity: n * 10 } : {}) as Record<string, number>,
  })
  return {
    model: run(), latest: run(),
    strategies: [{ widget: 'similar', model: 'Pruned item-to-item top-k table', fallback: 'Same category' }],
    offline_scores: [
      { name: 'blend', baseline: false, 'ndcg@10': 0.231, 'hr@10': 0.5 },
      { name: 'Popularity', baseline: true, 'ndcg@10': 0.1, 'hr@10': 0.3 },
    ],
    widgets: [widget('similar', 'Similar products', 3), widget('trending', 'Trending now')],
    arms: [
      { arm: 'model', label: 'Model', visitors: 90, impressions: 300, clicks: 30, ctr: 0.1, ctr_ci: [0.07, 0.14],
        revenue_per_visitor: '5.00', revenue_per_visitor_ci: ['3.00', '7.00'] },
      { arm: 'holdout', label: 'Holdout (popularity)', visitors: 10, impressions: 30, clicks: 1, ctr: 0.033,
        ctr_ci: [0.006, 0.17], revenue_per_visitor: '2.00', revenue_per_visitor_ci: null },
    ],
    attribution_rule: 'An add-to-cart or order line counts for a widget when the same visitor clicked that product there within 7 days before.',
    days: 30, settings: { holdout_share: '0.100' }, cache: { bound_bytes: 1, used_bytes: 0, models: 0 },
    ...overrides,
  }
}

// The first test loads the lazily imported panel chunk (the chart library), slow in jsdom.
describe('Recommendations panel', { timeout: 20000 }, () => {
  it('shows the model in use, live figures with the attribution rule, the holdout arms and scores', async () => {
    server.use(http.get('/api/dashboard/recs/', () => HttpResponse.json(panel())))
    renderApp({ config: shopConfig, route: '/dashboard/recommendations', signedInAs: owner })
    expect(await screen.findByRole('heading', { name: 'Recommendations', level: 1 })).toBeInTheDocument()
    const facts = (await screen.findByRole('heading', { name: 'Model in use' })).parentElement!
    expect(within(facts).getByText('5,400')).toBeInTheDocument()
    expect(within(facts).getByText('3.2 s')).toBeInTheDocument()
    const live = screen.getByRole('region', { name: 'Live figures' })
    const similar = within(live).getByRole('row', { name: /Similar products/ })
    expect(within(similar).getAllByRole('cell').map((c) => c.textContent)).toEqual(
      ['30', '3', '10.0 %', '1', '1', '£24.00'],
    )
    expect(screen.getByText(/within 7 days before/)).toBeInTheDocument()
    const arms = screen.getByRole('region', { name: 'Holdout arms' })
    expect(within(arms).getByRole('row', { name: /Holdout/ })).toHaveTextContent('3.3 %')
    expect(within(screen.getByRole('region', { name: 'Offline scores' })).getByText('0.231')).toBeInTheDocument()
  })

  it('retrains with live progress until the new version is in use', async () => {
    let polls = 0
    server.use(
      http.get('/api/dashboard/recs/', () => HttpResponse.json(panel({ model: null, latest: null }))),
      http.post('/api/dashboard/recs/train/', () =>
        HttpResponse.json(run({ id: 9, status: 'queued', progress: 0, stage: 'Waiting for a worker' }), { status: 202 }),
      ),
      http.get('/api/dashboard/recs/train/9/', () => {
        polls += 1
        return HttpResponse.json(
          polls < 2
            ? run({ id: 9, status: 'running', progress: 30, stage: 'Fitting the models and tuning the blend' })
            : run({ id: 9 }),
        )
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/recommendations', signedInAs: owner })
    expect(await screen.findByText(/No model yet/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Retrain now' }))
    expect(await screen.findByRole('progressbar', { name: 'Fitting the models and tuning the blend' })).toHaveValue(30)
    expect(await screen.findByText('Version 9 is now in use.', {}, { timeout: 6000 })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('button', { name: 'Retrain now' })).toBeEnabled())
  })

  it('checks the holdout share before saving it', async () => {
    const saved: unknown[] = []
    server.use(
      http.get('/api/dashboard/recs/', () => HttpResponse.json(panel())),
      http.put('/api/dashboard/recs/settings/', async ({ request }) => {
        saved.push(await request.json())
        return HttpResponse.json({ holdout_share: '0.000' })
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/recommendations', signedInAs: owner })
    const input = await screen.findByLabelText(/Holdout share/)
    await waitFor(() => expect(input).toHaveValue('10')) // filled in from the panel's settings

    await user.clear(input)
    await user.type(input, '80')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(screen.getByText('Enter a share from 0 to 50 %.')).toBeInTheDocument()
    expect(saved).toEqual([])
    await user.clear(input)
    await user.type(input, '0')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(saved).toEqual([{ holdout_share: '0.000' }]))
  })
})
