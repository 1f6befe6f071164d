import { useState } from 'react'
import { parseApiError } from '../../../lib/apiError'
import { useAdminPlansQuery, useCompPlanMutation, type AdminShop } from '../adminApi'

/** The platform gives a shop a plan for nothing: no card, no invoices, no dunning. */
export function CompPlanControl({ shop }: { shop: AdminShop }) {
  const { data: plans } = useAdminPlansQuery()
  const [comp, { isLoading, error, isSuccess }] = useCompPlanMutation()
  const [plan, setPlan] = useState(shop.plan?.code ?? '')
  const id = `comp-${shop.id}`
  return (
    <div className="inline-row">
      <label className="visually-hidden" htmlFor={id}>
        Plan to give {shop.name}
      </label>
      <select id={id} value={plan} onChange={(e) => setPlan(e.target.value)}>
        {(plans ?? []).map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={isLoading || !plan}
        onClick={() => void comp({ shopId: shop.id, plan }).catch(() => undefined)}
      >
        Comp<span className="visually-hidden"> {shop.name}</span>
      </button>
      <span role="status" className="cell-sub">
        {isSuccess ? 'Given' : error ? parseApiError(error).message : ''}
      </span>
    </div>
  )
}
