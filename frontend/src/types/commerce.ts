/** Commerce shapes shared by the storefront and the dashboard. Money is always a decimal string. */
export type Money = string
export type Id = number | string

export interface ImageRef {
  url: string
  thumb_url: string
  alt: string
}

export interface ProductImage extends ImageRef {
  id: Id
  /** The variant this photo shows (null: the product as a whole). */
  variant_id?: Id | null
  position?: number
}

export interface CategoryRef {
  slug: string
  name: string
}

export interface Category {
  id: Id
  name: string
  slug: string
  parent_id: Id | null
  product_count?: number
}

export interface ProductSummary {
  id: Id
  slug: string
  title: string
  price: Money
  compare_at_price?: Money | null
  currency: string
  in_stock: boolean
  image?: ImageRef | null
  category?: CategoryRef | null
}

export interface ProductOption {
  name: string
  values: string[]
}

export interface Variant {
  id: Id
  sku: string
  title: string
  options: Record<string, string>
  price: Money
  compare_at_price?: Money | null
  stock: number
  in_stock: boolean
  /** The product image that shows this variant, if one is attached. */
  image_id?: Id | null
}

export interface ProductDetail {
  id: Id
  slug: string
  title: string
  description: string
  currency: string
  price: Money
  compare_at_price?: Money | null
  in_stock: boolean
  category?: CategoryRef | null
  images: ProductImage[]
  options: ProductOption[]
  variants: Variant[]
}

export interface CartLine {
  id: Id
  variant_id: Id
  product_slug: string
  product_title: string
  variant_title: string
  sku: string
  unit_price: Money
  quantity: number
  line_total: Money
  image?: { thumb_url: string; alt: string } | null
  /** How many of this variant can be bought now. */
  available: number
}

export interface Cart {
  token: string | null
  lines: CartLine[]
  item_count: number
  subtotal: Money
  currency: string
}

export type OrderStatus = 'placed' | 'paid' | 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'refunded'
export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'partly_refunded' | 'refunded'

export interface Address {
  full_name: string
  line1: string
  line2: string
  city: string
  postcode: string
  country: string
}

export interface OrderLine {
  id: Id
  product_slug: string
  product_title: string
  variant_title: string
  sku: string
  unit_price: Money
  quantity: number
  line_total: Money
}

export interface TimelineEntry {
  status: string
  note: string
  created_at: string
}

export interface Order {
  id: Id
  number: string
  status: OrderStatus
  payment_status: PaymentStatus
  email: string
  lines: OrderLine[]
  subtotal: Money
  discount_total: Money
  shipping_total: Money
  tax_total: Money
  total: Money
  currency: string
  shipping_address: Partial<Address> | null
  shipping_method: string | null
  tracking_number: string | null
  timeline: TimelineEntry[]
  /** Every payment attempt and refund, with the provider's id (a Stripe PaymentIntent or Refund). */
  payments?: PaymentRecord[]
  /** What a refund may still return. */
  refundable?: Money
  created_at: string
  /** Checkout and pay answers: lets a guest see and pay this order later (`X-Order-Token`). */
  order_token?: string
  /** A 202 answer: the payment is not settled yet (`requires_action`: authenticate, then send again). */
  payment?: PendingPayment
}

export interface PaymentRecord {
  id: Id
  kind: 'charge' | 'refund'
  status: 'creating' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'cancelled'
  amount: Money
  currency: string
  gateway: string
  reference: string
  code: string
  message: string
  card_last4: string
  note: string
  created_at: string
}

export interface PendingPayment {
  status: 'creating' | 'requires_action' | 'processing'
  client_secret: string
  code: string
  message: string
}

export interface OrderSummary {
  id: Id
  number: string
  status: OrderStatus
  payment_status: PaymentStatus
  total: Money
  currency: string
  created_at: string
  item_count: number
  email?: string
}

/** The offline test gateway's card fields, or (Stripe) the PaymentMethod Stripe.js made. */
export type PaymentDetails =
  | {
      card_number: string
      exp_month: number
      exp_year: number
      cvc: string
    }
  | { payment_method: string }
