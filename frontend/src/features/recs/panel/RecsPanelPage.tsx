import { useEffect, useId, useState, type FormEvent } from 'react'
import { ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { formatDateTime, formatMoney } from '../../../lib/format'
import { useShopInfo } from '../../../app/shop'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useRecsPanelQuery, useUpdateRecsSettingsMutation } from '../recsApi'
import type { ArmFigures, RecsPanel, TrainingRun } from '../types'
import { RetrainButton } from './RetrainButton'
import { ScoresChart } from './ScoresChart'
import '../recs.css'

const WIDGET_LABELS: Record<string, string> = {
  for_you: 'Recommended for you',
  trending: 'Trending now',
  similar: 'Similar products',
  bought_together: 'Frequently bought together',
  cart: 'Complete your order',
  buy_again: 'Buy again',
}

const SERVED_LABELS: Record<string, string> = {
  no_model: 'popularity (no model yet)',
  popularity: 'popularity',
  holdout: 'holdout (popularity)',
  content: 'content (same category)',
  session: "this visit's views",
  history: 'earlier purchases',
}

function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)} %`
}

function bytes(n: number): string {
  return n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`
}

export function RecsPanelPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Recommendations — ${shop.name}`)
  const [days, setDays] = useState(30)
  const daysId = useId()
  const { data, isLoading, error, refetch, isFetching } = useRecsPanelQuery(days)

  return (
    <section aria-labelledby="recs-title" className="recs-panel">
      <div className="page-head">
        <h1 id="recs-title">Recommendations</h1>
        <div className="field">
          <label htmlFor={daysId}>Live figures over</label>
          <select id={daysId} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            <option value={7}>the last 7 days</option>
            <option value={30}>the last 30 days</option>
            <option value={90}>the last 90 days</option>
          </select>
        </div>
      </div>
      {isLoading ? (
        <Loading label="Loading recommendations…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : data ? (
        <div aria-busy={isFetching}>
          <ModelCard panel={data} />
          <Strategies panel={data} />
          <section className="card" aria-labelledby="offline-title">
            <h2 id="offline-title">Offline scores beside the baselines</h2>
            {data.offline_scores.length ? (
              <ScoresChart scores={data.offline_scores} />
            ) : (
              <p className="muted">
                No validation scores yet: the shop needs enough returning shoppers in the last four weeks to score a
                model on them.
              </p>
            )}
          </section>
          <LiveFigures panel={data} />
          <Holdout arms={data.arms} currency={shop.currency} />
          <HoldoutSettings share={data.settings.holdout_share} />
        </div>
      ) : null}
    </section>
  )
}

function RunFacts({ run }: { run: TrainingRun }) {
  return (
    <dl className="recs-facts">
      <div>
        <dt>Version</dt>
        <dd>{run.id}</dd>
      </div>
      <div>
        <dt>Trained</dt>
        <dd>{run.finished_at ? formatDateTime(run.finished_at) : '—'}</dd>
      </div>
      <div>
        <dt>Events</dt>
        <dd>{run.events_count.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Shoppers</dt>
        <dd>{run.users_count.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Products</dt>
        <dd>{run.products_count.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Training time</dt>
        <dd>{run.fit_seconds !== null ? `${run.fit_seconds.toFixed(1)} s` : '—'}</dd>
      </div>
      <div>
        <dt>Size</dt>
        <dd>{bytes(run.nbytes)}</dd>
      </div>
      <div>
        <dt>Validation NDCG@10</dt>
        <dd>{run.score !== null ? run.score.toFixed(3) : 'not scored'}</dd>
      </div>
    </dl>
  )
}

function ModelCard({ panel }: { panel: RecsPanel }) {
  const latest = panel.latest
  const pending = latest && ['queued', 'running'].includes(latest.status) ? latest.id : null
  const rejected = latest && latest.status === 'done' && !latest.promoted && latest.id !== panel.model?.id
  return (
    <section className="card" aria-labelledby="model-title">
      <h2 id="model-title">Model in use</h2>
      {panel.model ? (
        <RunFacts run={panel.model} />
      ) : (
        <p className="muted">No model yet: every widget shows popular and related products until the first training.</p>
      )}
      {rejected && (
        <p className="recs-notice">
          Version {latest.id} was trained {latest.finished_at ? formatDateTime(latest.finished_at) : ''} but not
          promoted: {latest.not_promoted_reason}
        </p>
      )}
      {latest?.status === 'failed' && <p className="inline-error">The last training failed: {latest.error}</p>}
      <RetrainButton key={pending ?? 'idle'} running={pending} />
    </section>
  )
}

function Strategies({ panel }: { panel: RecsPanel }) {
  const served = Object.fromEntries(panel.widgets.map((w) => [w.widget, w.served_by]))
  return (
    <section className="card" aria-labelledby="strategy-title">
      <h2 id="strategy-title">Which strategy serves which widget</h2>
      <div className="recs-table-wrap" tabIndex={0} role="region" aria-label="Strategies">
        <table>
          <thead>
            <tr>
              <th scope="col">Widget</th>
              <th scope="col">Model</th>
              <th scope="col">Fallback</th>
              <th scope="col">Served (impressions)</th>
            </tr>
          </thead>
          <tbody>
            {panel.strategies.map((s) => (
              <tr key={s.widget}>
                <th scope="row">{WIDGET_LABELS[s.widget] ?? s.widget}</th>
                <td>{s.model}</td>
                <td>{s.fallback}</td>
                <td>
                  {Object.entries(served[s.widget] ?? {})
                    .map(([by, n]) => `${SERVED_LABELS[by] ?? by}: ${n}`)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function LiveFigures({ panel }: { panel: RecsPanel }) {
  const shop = useShopInfo()
  return (
    <section className="card" aria-labelledby="live-title">
      <h2 id="live-title">Live figures per widget</h2>
      <p className="muted small">{panel.attribution_rule}</p>
      <div className="recs-table-wrap" tabIndex={0} role="region" aria-label="Live figures">
        <table>
          <thead>
            <tr>
              <th scope="col">Widget</th>
              <th scope="col" className="num">Impressions</th>
              <th scope="col" className="num">Clicks</th>
              <th scope="col" className="num">Click-through</th>
              <th scope="col" className="num">Add-to-carts</th>
              <th scope="col" className="num">Orders</th>
              <th scope="col" className="num">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {panel.widgets.map((w) => (
              <tr key={w.widget} data-widget={w.widget}>
                <th scope="row">{w.label}</th>
                <td className="num" data-figure="impressions">{w.impressions}</td>
                <td className="num" data-figure="clicks">{w.clicks}</td>
                <td className="num">{percent(w.ctr)}</td>
                <td className="num" data-figure="add_to_carts">{w.add_to_carts}</td>
                <td className="num" data-figure="orders">{w.orders}</td>
                <td className="num" data-figure="revenue">{formatMoney(w.revenue, shop.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function Holdout({ arms, currency }: { arms: ArmFigures[]; currency: string }) {
  return (
    <section className="card" aria-labelledby="holdout-title">
      <h2 id="holdout-title">Holdout: measured lift</h2>
      <p className="muted small">
        A share of visitors, chosen by a stable hash of their browser's id, sees popular products instead of the
        model. Revenue per visitor counts everything they ordered after first seeing recommendations. Intervals are
        95 %.
      </p>
      <div className="recs-table-wrap" tabIndex={0} role="region" aria-label="Holdout arms">
        <table>
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col" className="num">Visitors</th>
              <th scope="col" className="num">Click-through</th>
              <th scope="col" className="num">95 % interval</th>
              <th scope="col" className="num">Revenue per visitor</th>
              <th scope="col" className="num">95 % interval</th>
            </tr>
          </thead>
          <tbody>
            {arms.map((a) => (
              <tr key={a.arm}>
                <th scope="row">{a.label}</th>
                <td className="num">{a.visitors}</td>
                <td className="num">{percent(a.ctr)}</td>
                <td className="num">{a.ctr_ci ? `${percent(a.ctr_ci[0])} – ${percent(a.ctr_ci[1])}` : '—'}</td>
                <td className="num">{a.revenue_per_visitor ? formatMoney(a.revenue_per_visitor, currency) : '—'}</td>
                <td className="num">
                  {a.revenue_per_visitor_ci
                    ? `${formatMoney(a.revenue_per_visitor_ci[0], currency)} – ${formatMoney(a.revenue_per_visitor_ci[1], currency)}`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function HoldoutSettings({ share }: { share: string }) {
  const inputId = useId()
  const errorId = useId()
  const [value, setValue] = useState(() => String(Math.round(Number(share) * 1000) / 10))
  useEffect(() => setValue(String(Math.round(Number(share) * 1000) / 10)), [share])
  const [save, { isLoading, error, isSuccess }] = useUpdateRecsSettingsMutation()
  const [localError, setLocalError] = useState('')

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const number = Number(value)
    if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 50) {
      setLocalError('Enter a share from 0 to 50 %.')
      return
    }
    setLocalError('')
    await save({ holdout_share: (number / 100).toFixed(3) })
  }

  const message = localError || (error ? parseApiError(error).message : '')
  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={inputId}>Holdout share (% of visitors who see popularity instead of the model)</label>
          <input
            id={inputId}
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={Boolean(message)}
            aria-describedby={message ? errorId : undefined}
          />
          {message && (
            <p id={errorId} className="inline-error">
              {message}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-secondary" disabled={isLoading}>
          {isLoading ? 'Saving…' : 'Save'}
        </button>
        <p role="status" className="muted small">
          {isSuccess && !isLoading ? 'Saved. New visits use the new share within five minutes.' : ''}
        </p>
      </form>
    </section>
  )
}
