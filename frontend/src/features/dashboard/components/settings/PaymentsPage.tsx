import { useState } from 'react'
import { ErrorSummary } from '../../../../components/ErrorSummary'
import { TextField } from '../../../../components/Fields'
import { SubmitRow } from '../../../../components/FormDialog'
import { ErrorState, Loading } from '../../../../components/States'
import { parseApiError, type FieldErrors } from '../../../../lib/apiError'
import { formatDateTime } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useSaveForm } from '../../../../lib/useSaveForm'
import {
  useRemoveStripeAccountMutation,
  useSaveStripeAccountMutation,
  useStripeAccountQuery,
  type StripeAccount,
  type StripeAccountInput,
} from '../../paymentsApi'

const FIELDS = ['publishable_key', 'secret_key', 'webhook_secret']

/** The shop's own Stripe account: the owner or a manager enters its keys; the secrets are never shown again. */
export function PaymentsPage() {
  useDocumentTitle('Payments — Dashboard')
  const { data, isLoading, error, refetch } = useStripeAccountQuery()
  return (
    <section aria-labelledby="payments-title">
      <h1 id="payments-title">Payments</h1>
      <p className="muted">
        Shoppers pay by card through your own Stripe account. Until its keys are entered, checkout uses the offline
        test gateway and takes no real money.
      </p>
      {isLoading ? (
        <Loading label="Loading payment settings…" />
      ) : error || !data ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : (
        <StripeKeysForm account={data} />
      )}
    </section>
  )
}

function StripeKeysForm({ account }: { account: StripeAccount }) {
  const [save, { isLoading: saving }] = useSaveStripeAccountMutation()
  const [remove, removing] = useRemoveStripeAccountMutation()
  const [form, setForm] = useState<StripeAccountInput>({
    publishable_key: account.publishable_key,
    secret_key: '',
    webhook_secret: '',
  })
  const [status, setStatus] = useState('')
  const [removeError, setRemoveError] = useState('')

  const { fields, error: formError, onSubmit } = useSaveForm(
    () => {
      setStatus('')
      const errors: FieldErrors = {}
      const body = {
        publishable_key: form.publishable_key.trim(),
        secret_key: form.secret_key.trim(),
        webhook_secret: form.webhook_secret.trim(),
      }
      if (!/^pk_(test|live)_\w+$/.test(body.publishable_key)) errors.publishable_key = ['Enter the publishable key (pk_test_… or pk_live_…).']
      if (!account.configured && !body.secret_key) errors.secret_key = ['Enter the secret key.']
      return { body: Object.keys(errors).length ? null : body, errors }
    },
    async (body: StripeAccountInput) => {
      await save(body).unwrap()
      setForm((current) => ({ ...current, secret_key: '', webhook_secret: '' }))
      setStatus('Stripe keys saved. Checkout now takes cards through Stripe.')
    },
  )

  async function onRemove() {
    setRemoveError('')
    try {
      await remove().unwrap()
      setForm({ publishable_key: '', secret_key: '', webhook_secret: '' })
      setStatus('Stripe keys removed. Checkout uses the offline test gateway again.')
    } catch (failure) {
      setRemoveError(parseApiError(failure).message)
    }
  }

  const secretHint = account.secret_key_hint
    ? `Set, ending in …${account.secret_key_hint}. Leave empty to keep it.`
    : 'From Stripe’s dashboard, Developers > API keys.'
  const webhookHint = account.webhook_secret_hint
    ? `Set, ending in …${account.webhook_secret_hint}. Leave empty to keep it.`
    : `Add a webhook endpoint in Stripe for ${account.webhook_url} and paste its signing secret here.`

  return (
    <form className="card form-card-wide" onSubmit={onSubmit} noValidate aria-busy={saving}>
      {formError && <ErrorSummary error={formError} shownFields={FIELDS} />}
      <p>
        <strong>{account.configured ? 'Stripe is connected.' : 'Stripe is not connected.'}</strong>{' '}
        {account.updated_at && (
          <span className="muted">
            Keys last changed {formatDateTime(account.updated_at)}
            {account.updated_by_email ? ` by ${account.updated_by_email}` : ''}.
          </span>
        )}
      </p>
      <TextField
        label="Publishable key"
        value={form.publishable_key}
        onChange={(e) => setForm({ ...form, publishable_key: e.target.value })}
        errors={fields.publishable_key}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        label="Secret key"
        type="password"
        value={form.secret_key}
        onChange={(e) => setForm({ ...form, secret_key: e.target.value })}
        errors={fields.secret_key}
        hint={secretHint}
        autoComplete="off"
      />
      <TextField
        label="Webhook signing secret"
        type="password"
        value={form.webhook_secret}
        onChange={(e) => setForm({ ...form, webhook_secret: e.target.value })}
        errors={fields.webhook_secret}
        hint={webhookHint}
        autoComplete="off"
      />
      <p className="muted">
        Webhook endpoint: <code className="cell-wrap">{account.webhook_url}</code>
      </p>
      <SubmitRow busy={saving} label="Save Stripe keys" busyLabel="Saving…" status={status} />
      {account.configured && (
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={() => void onRemove()} disabled={removing.isLoading}>
            Remove Stripe keys
          </button>
          {removeError && (
            <p className="alert alert-error" role="alert">
              {removeError}
            </p>
          )}
        </div>
      )}
    </form>
  )
}
