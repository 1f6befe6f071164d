import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { OfflineScore } from '../types'

const METRICS = [
  { key: 'ndcg@10', label: 'NDCG@10', color: '#1f5fbf' },
  { key: 'hr@10', label: 'HR@10', color: '#8a5a00' },
] as const

/** The model's validation scores beside each baseline's, as bars (and as a table for screen readers). */
export function ScoresChart({ scores }: { scores: OfflineScore[] }) {
  const rows = scores.map((s) => ({
    name: s.baseline ? s.name : `${s.name} (in use)`,
    ...Object.fromEntries(METRICS.map((m) => [m.key, typeof s[m.key] === 'number' ? (s[m.key] as number) : 0])),
  }))
  return (
    <figure className="recs-figure">
      <div className="recs-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 48 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" angle={-30} textAnchor="end" interval={0} height={60} fontSize={12} />
            <YAxis domain={[0, 1]} fontSize={12} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(3) : String(value))} />
            <Legend verticalAlign="top" />
            {METRICS.map((m) => (
              <Bar key={m.key} dataKey={m.key} name={m.label} fill={m.color} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">Scores on the last weeks before training, held out from the fit.</figcaption>
      <div className="recs-table-wrap" tabIndex={0} role="region" aria-label="Offline scores">
        <table>
          <thead>
            <tr>
              <th scope="col">Model</th>
              {METRICS.map((m) => (
                <th key={m.key} scope="col" className="num">
                  {m.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scores.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.baseline ? s.name : <strong>{s.name} (in use)</strong>}</th>
                {METRICS.map((m) => (
                  <td key={m.key} className="num">
                    {typeof s[m.key] === 'number' ? (s[m.key] as number).toFixed(3) : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
