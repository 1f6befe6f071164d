import { useState } from 'react'
import { Alert } from '../../../components/Alert'
import { DataTable } from '../../../components/DataTable'
import { QueryResults } from '../../../components/Results'
import { EmptyState } from '../../../components/States'
import { parseApiError, type ApiError } from '../../../lib/apiError'
import { formatDate, formatMoney } from '../../../lib/format'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import {
  useBillingQuery,
  useChangePlanMutation,
  useInvoicesQuery,
  usePayNowMutation,
  type Billing,
  type Plan,
  type Usage,
} from '../billingApi'
import { CardForm } from './CardForm'

const limitRows: { key: keyof Billing['usage']; label: string }[] = [
  { key: 'products', label: 'Products' },
  { key: 'staff', label: 'Staff seats' },
  { key: 'custom_domains', label: 'Custom domains' },
  { key: 'api_requests_per_minute', label: 'API requests per minute' },
  { key: 'recommendations', label: 'Recommendations' },
]

function limitText(limit: number | null | undefined): string {
  return limit === null || limit === undefined ? 'Unlimited' : limit.toLocaleString()
}

function usageLimit(usage: Usage): string {
  if (usage.included !== undefined) return usage.included ? 'Included' : 'Not included'
  return limitText(usage.limit)
}

export function planFeatures(plan: Plan): string[] {
  return [
    `${limitText(plan.max_products)} products`,
    `${limitText(plan.max_staff)} staff seats`,
    `${limitText(plan.max_custom_domains)} custom domains`,
    `${limitText(plan.max_api_requests_per_minute)} API requests per minute`,
    plan.recommendations_included ? 'Recommendations included' : 'No recommendations',
  ]
}

export function BillingPage() {
  useDocumentTitle('Billing')
  const result = useBillingQuery()
  return (
    <section aria-labelledby="billing-title" className="page-stack">
      <h1 id="billing-title">Billing</h1>
      <QueryResults result={result} loadingLabel="Loading your plan…">
        {(billing) => (
          <>
            {billing.dunning.state !== 'ok' && (
              <Alert title={billing.dunning.state === 'closed' ? 'Your storefront is closed' : 'Your last payment failed'}>
                <p>{billing.dunning.message}</p>
                <PayNow />
              </Alert>
            )}
            <CurrentPlan billing={billing} />
            <UsageTable billing={billing} />
            <CardForm billing={billing} />
            <PlanChoice billing={billing} />
            <Invoices />
          </>
        )}
      </QueryResults>
    </section>
  )
}

/** Pays the failed renewal with the card on file (replace it below first if it was refused). */
function PayNow() {
  const [pay, { isLoading, error, isSuccess }] = usePayNowMutation()
  return (
    <>
      {error && <p className="field-errors">{parseApiError(error).message}</p>}
      {isSuccess && <p role="status">Paid: thank you.</p>}
      <button type="button" className="btn btn-primary" disabled={isLoading} onClick={() => void pay().catch(() => undefined)}>
        {isLoading ? 'Paying…' : 'Pay now'}
      </button>
    </>
  )
}

function CurrentPlan({ billing }: { billing: Billing }) {
  const { plan, subscription } = billing
  return (
    <section aria-labelledby="current-plan" className="card">
      <h2 id="current-plan">Your plan: {plan.name}</h2>
      <p>
        {formatMoney(plan.monthly_price, plan.currency)} a month
        {subscription.comped && ' — given to this shop by the platform, free of charge'}
      </p>
      {subscription.current_period_end && !subscription.comped && (
        <p>Renews on {formatDate(subscription.current_period_end)}.</p>
      )}
    </section>
  )
}

function UsageTable({ billing }: { billing: Billing }) {
  return (
    <section aria-labelledby="usage-title">
      <h2 id="usage-title">Usage</h2>
      <DataTable
        label="Usage against your plan"
        rows={limitRows}
        rowKey={(row) => row.key}
        columns={[
          { header: 'Limit', rowHeader: true, cell: (row) => row.label },
          { header: 'Used', numeric: true, cell: (row) => billing.usage[row.key].used?.toLocaleString() ?? '—' },
          { header: 'Your plan allows', numeric: true, cell: (row) => usageLimit(billing.usage[row.key]) },
        ]}
      />
    </section>
  )
}

function ProblemList({ error }: { error: ApiError }) {
  const items = Object.entries(error.fields)
    .filter(([field]) => ['products', 'staff', 'custom_domains'].includes(field))
    .flatMap(([, messages]) => messages)
  return items.length ? (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  ) : null
}

function PlanChoice({ billing }: { billing: Billing }) {
  const [changePlan, { isLoading, error, reset }] = useChangePlanMutation()
  const [done, setDone] = useState<string | null>(null)
  const [pending, setPending] = useState<string | null>(null)
  const problem = error ? parseApiError(error) : null

  async function choose(plan: Plan) {
    reset()
    setDone(null)
    setPending(plan.code)
    try {
      await changePlan(plan.code).unwrap()
      setDone(`You are now on the ${plan.name} plan.`)
    } catch {
      // shown from the mutation's error
    } finally {
      setPending(null)
    }
  }

  return (
    <section aria-labelledby="plans-title">
      <h2 id="plans-title">Change plan</h2>
      <p className="muted">Upgrades and downgrades take effect now; Stripe prorates the difference on your next invoice.</p>
      {done && <Alert tone="success">{done}</Alert>}
      {problem && (
        <Alert title={problem.code === 'downgrade_blocked' ? 'This plan is too small for your shop' : undefined}>
          <p>{problem.message}</p>
          <ProblemList error={problem} />
        </Alert>
      )}
      <ul className="plan-grid">
        {billing.plans.map((plan) => {
          const current = plan.code === billing.plan.code
          return (
            <li key={plan.code} className="card" aria-labelledby={`plan-${plan.code}`}>
              <h3 id={`plan-${plan.code}`}>{plan.name}</h3>
              <p className="plan-price">{formatMoney(plan.monthly_price, plan.currency)} / month</p>
              <ul>
                {planFeatures(plan).map((feature) => (
                  <li key={feature}>{feature}</li>
                ))}
              </ul>
              {current ? (
                <p className="plan-current">Your current plan</p>
              ) : (
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={isLoading || billing.subscription.comped}
                  onClick={() => void choose(plan)}
                >
                  {pending === plan.code ? 'Switching…' : `Switch to ${plan.name}`}
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function Invoices() {
  const result = useInvoicesQuery()
  return (
    <section aria-labelledby="invoices-title">
      <h2 id="invoices-title">Invoices</h2>
      <QueryResults
        result={result}
        loadingLabel="Loading invoices…"
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState title="No invoices yet" />}
      >
        {(rows) => (
          <DataTable
            label="Invoices"
            rows={rows}
            columns={[
              { header: 'Invoice', rowHeader: true, cell: (inv) => inv.number },
              { header: 'Date', cell: (inv) => formatDate(inv.created) },
              { header: 'Status', cell: (inv) => inv.status },
              { header: 'Total', numeric: true, cell: (inv) => formatMoney(inv.total, inv.currency) },
              {
                header: 'Link',
                hiddenHeader: true,
                cell: (inv) => (inv.url ? <a href={inv.url}>View invoice {inv.number}</a> : null),
              },
            ]}
          />
        )}
      </QueryResults>
    </section>
  )
}
