import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/Alert'
import { CheckboxField, TextField } from '../../../components/Fields'
import { QueryResults } from '../../../components/Results'
import { parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'
import { useAdminPlansQuery, useUpdatePlanMutation, type AdminPlan } from '../adminApi'

type LimitKey = 'max_products' | 'max_staff' | 'max_api_requests_per_minute' | 'max_custom_domains'

const limits: { key: LimitKey; label: string }[] = [
  { key: 'max_products', label: 'Products' },
  { key: 'max_staff', label: 'Staff seats' },
  { key: 'max_custom_domains', label: 'Custom domains' },
  { key: 'max_api_requests_per_minute', label: 'API requests per minute' },
]

export function AdminPlansPage() {
  useDocumentTitle('Plans — Shopyard admin')
  const user = useCurrentUser()
  const result = useAdminPlansQuery(undefined, { skip: user?.role !== 'admin' })
  if (user?.role !== 'admin') {
    return (
      <section aria-labelledby="not-allowed-title">
        <h1 id="not-allowed-title">Not allowed</h1>
        <p>Only platform administrators can see this page.</p>
      </section>
    )
  }
  return (
    <section aria-labelledby="plans-title" className="page-stack">
      <h1 id="plans-title">Plans</h1>
      <p>
        What each plan costs and allows. A change reaches the shops on the plan at their next request. Empty limits
        are unlimited. <Link to="/admin">All shops</Link>
      </p>
      <QueryResults result={result} loadingLabel="Loading plans…">
        {(plans) => (
          <div className="plan-grid">
            {plans.map((plan) => (
              <PlanForm key={plan.id} plan={plan} />
            ))}
          </div>
        )}
      </QueryResults>
    </section>
  )
}

function PlanForm({ plan }: { plan: AdminPlan }) {
  const [update, { isLoading, error }] = useUpdatePlanMutation()
  const [saved, setSaved] = useState(false)
  const problem = error ? parseApiError(error) : null
  const errorsFor = (field: string) => problem?.fields[field]

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setSaved(false)
    const form = new FormData(event.currentTarget)
    const limit = (key: LimitKey) => {
      const raw = String(form.get(key) ?? '').trim()
      return raw === '' ? null : Number(raw)
    }
    try {
      await update({
        id: plan.id,
        name: String(form.get('name') ?? ''),
        monthly_price: String(form.get('monthly_price') ?? ''),
        recommendations_included: form.get('recommendations_included') === 'on',
        ...Object.fromEntries(limits.map(({ key }) => [key, limit(key)])),
      }).unwrap()
      setSaved(true)
    } catch {
      // shown below
    }
  }

  return (
    <form className="card" aria-labelledby={`plan-${plan.code}`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`plan-${plan.code}`}>{plan.name}</h2>
      {problem && <Alert>{problem.message}</Alert>}
      {saved && <Alert tone="success">{plan.name} saved.</Alert>}
      <TextField label="Name" name="name" defaultValue={plan.name} errors={errorsFor('name')} required />
      <TextField
        label={`Monthly price (${plan.currency})`}
        name="monthly_price"
        inputMode="decimal"
        defaultValue={plan.monthly_price}
        errors={errorsFor('monthly_price')}
      />
      {limits.map(({ key, label }) => (
        <TextField
          key={key}
          label={label}
          name={key}
          inputMode="numeric"
          defaultValue={plan[key] ?? ''}
          placeholder="Unlimited"
          errors={errorsFor(key)}
        />
      ))}
      <CheckboxField
        label="Recommendations included"
        name="recommendations_included"
        defaultChecked={plan.recommendations_included}
      />
      <button type="submit" className="btn btn-primary" disabled={isLoading}>
        {isLoading ? 'Saving…' : `Save ${plan.name}`}
      </button>
    </form>
  )
}
