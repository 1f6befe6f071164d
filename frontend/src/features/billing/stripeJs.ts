/** Stripe.js, loaded once from the address the server names (Stripe's, or the local stand-in in tests). */
export interface StripeCardElement {
  mount(target: HTMLElement): void
  destroy(): void
  on(event: 'change', handler: () => void): void
}

export interface StripeJs {
  elements(): { create(type: 'card'): StripeCardElement }
  confirmCardSetup(
    clientSecret: string,
    data: { payment_method: { card: StripeCardElement } },
  ): Promise<{ error?: { message?: string } | null; setupIntent?: { id: string; status: string } }>
}

type StripeFactory = (publishableKey: string) => StripeJs

const loading = new Map<string, Promise<StripeFactory>>()

export function loadStripe(jsUrl: string): Promise<StripeFactory> {
  let promise = loading.get(jsUrl)
  if (!promise) {
    promise = new Promise<StripeFactory>((resolve, reject) => {
      const script = document.createElement('script')
      script.src = jsUrl
      script.async = true
      script.onload = () => {
        const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe
        if (factory) resolve(factory)
        else reject(new Error('Stripe.js did not load.'))
      }
      script.onerror = () => {
        loading.delete(jsUrl)
        reject(new Error('Stripe.js could not be loaded. Check your connection and try again.'))
      }
      document.head.appendChild(script)
    })
    loading.set(jsUrl, promise)
  }
  return promise
}
