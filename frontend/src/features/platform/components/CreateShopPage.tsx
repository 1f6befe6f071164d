import { useId, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/Alert'
import { TextField } from '../../../components/TextField'
import { parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import type { PlatformShop } from '../../../types/api'
import { useCreateShopMutation } from '../platformApi'
import { suggestSubdomain } from '../subdomain'
import { OpenDashboardButton } from './OpenDashboardButton'
import { SubdomainStatus, useSubdomainStatus } from './SubdomainStatus'

function ShopCreated({ shop }: { shop: PlatformShop }) {
  return (
    <section className="card result-card" aria-labelledby="created-title">
      <h1 id="created-title">{shop.name} is live</h1>
      <p role="status">
        Your shop is live at <a href={shop.url}>{shop.url}</a>
      </p>
      <div className="actions">
        <a className="btn btn-secondary" href={shop.url}>
          Visit storefront
        </a>
        <OpenDashboardButton shop={shop} />
      </div>
      <p>
        <Link to="/shops">Back to my shops</Link>
      </p>
    </section>
  )
}

export function CreateShopPage() {
  useDocumentTitle('Create a shop — Shopyard')
  const statusId = useId()
  const [name, setName] = useState('')
  const [subdomain, setSubdomain] = useState('')
  const [subdomainEdited, setSubdomainEdited] = useState(false)
  const [createShop, { isLoading, error, data: created }] = useCreateShopMutation()
  const status = useSubdomainStatus(subdomain)

  if (created) return <ShopCreated shop={created} />

  const apiError = error ? parseApiError(error) : null

  function onNameChange(value: string) {
    setName(value)
    if (!subdomainEdited) setSubdomain(suggestSubdomain(value))
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    await createShop({ name: name.trim(), subdomain: subdomain.trim() }).catch(() => undefined)
  }

  return (
    <section className="card form-card" aria-labelledby="create-title">
      <h1 id="create-title">Create a shop</h1>
      <form onSubmit={onSubmit} noValidate aria-busy={isLoading}>
        {apiError && <Alert>{apiError.message}</Alert>}
        <TextField
          label="Shop name"
          name="name"
          required
          autoComplete="organization"
          value={name}
          onChange={(e) => onNameChange(e.target.value)}
          errors={apiError?.fields.name}
        />
        <TextField
          label="Subdomain"
          name="subdomain"
          required
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          hint="Your shop's address. Lowercase letters, numbers and hyphens."
          value={subdomain}
          onChange={(e) => {
            setSubdomainEdited(true)
            setSubdomain(e.target.value)
          }}
          errors={apiError?.fields.subdomain}
          describedBy={statusId}
        />
        <SubdomainStatus id={statusId} {...status} />
        <button type="submit" className="btn btn-primary" disabled={isLoading}>
          {isLoading ? 'Creating shop…' : 'Create shop'}
        </button>
      </form>
    </section>
  )
}
