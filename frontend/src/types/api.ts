export interface Paginated<T> {
  count: number
  /** Past a few thousand rows the server estimates the count: screens say "about N". */
  count_is_estimate?: boolean
  next: string | null
  previous: string | null
  results: T[]
}

export interface PlanRef {
  code: string
  name: string
}

/** unpaid: closed for non-payment of the plan (paying reopens it); suspended: by a platform admin. */
export type ShopStatus = 'active' | 'suspended' | 'unpaid'

/** A shop as the platform (root host) describes it. */
export interface PlatformShop {
  id: number | string
  name: string
  subdomain: string
  url: string
  status: ShopStatus
  /** Why the platform suspended the shop; "" (or absent) when it gave no reason or it is active. */
  suspended_reason?: string | null
  currency?: string
  plan: PlanRef
  created_at: string
}
