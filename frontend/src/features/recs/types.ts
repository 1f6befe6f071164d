import type { ProductSummary } from '../../types/commerce'

export type WidgetName = 'for_you' | 'trending' | 'similar' | 'bought_together' | 'cart' | 'buy_again'

export interface RecReason {
  kind: string
  text: string
  product: { slug: string; title: string } | null
}

export interface RecCard extends ProductSummary {
  id: number
  position: number
  reason: RecReason
}

export interface RecsResponse {
  widget: WidgetName
  request_id: string
  arm: 'model' | 'holdout'
  strategy: string | null
  fallback: string | null
  model_version: number | null
  items: RecCard[]
}

export interface TrainingRun {
  id: number
  status: 'queued' | 'running' | 'done' | 'failed'
  trigger: string
  stage: string
  progress: number
  is_current: boolean
  promoted: boolean
  not_promoted_reason: string
  score: number | null
  events_count: number
  users_count: number
  products_count: number
  fit_seconds: number | null
  nbytes: number
  error: string
  created_at: string
  finished_at: string | null
}

export interface OfflineScore {
  name: string
  baseline: boolean
  [metric: string]: string | number | boolean | number[] | null
}

export interface WidgetFigures {
  widget: WidgetName
  label: string
  impressions: number
  clicks: number
  ctr: number | null
  add_to_carts: number
  orders: number
  revenue: string
  served_by: Record<string, number>
}

export interface ArmFigures {
  arm: 'model' | 'holdout'
  label: string
  visitors: number
  impressions: number
  clicks: number
  ctr: number | null
  ctr_ci: [number, number] | null
  revenue_per_visitor: string | null
  revenue_per_visitor_ci: [string, string] | null
}

export interface RecsPanel {
  model: TrainingRun | null
  latest: TrainingRun | null
  strategies: { widget: WidgetName; model: string; fallback: string }[]
  offline_scores: OfflineScore[]
  widgets: WidgetFigures[]
  arms: ArmFigures[]
  attribution_rule: string
  days: number
  settings: { holdout_share: string }
  cache: { bound_bytes: number; used_bytes: number; models: number }
}
