import { useId, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/Alert'
import { TextField } from '../../../components/Fields'
import { formMessage, parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useFocusFirstInvalid } from '../../../lib/useFocusFirstInvalid'
import type { PlatformShop } from '../../../types/api'
import { useCreateShopMutation } from '../platformApi'
import { hasInvalidCharacters, suggestSubdomain } from '../subdomain'
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
  const subdomainRef = useRef<HTMLInputElement>(null)
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid<HTMLFormElement>()
  const [name, setName] = useState('')
  const [subdomain, setSubdomain] = useState('')
  const [subdomainEdited, setSubdomainEdited] = useState(false)
  // The values the server's answer is about; its field errors go stale once they change.
  const [sent, setSent] = useState({ name: '', subdomain: '' })
  const [createShop, { isLoading, error, data: created }] = useCreateShopMutation()
  const status = useSubdomainStatus(subdomain)

  if (created) return <ShopCreated shop={created} />

  const apiError = error ? parseApiError(error) : null
  const nameErrors = name === sent.name ? apiError?.fields.name : undefined
  const subdomainErrors = subdomain === sent.subdomain ? apiError?.fields.subdomain : undefined
  const shownFields = [...(nameErrors ? ['name'] : []), ...(subdomainErrors ? ['subdomain'] : [])]
  // An answer about a name or subdomain that has since been edited no longer applies.
  const stale = Boolean(apiError?.fields.name || apiError?.fields.subdomain) && shownFields.length === 0

  function onNameChange(value: string) {
    setName(value)
    if (!subdomainEdited) setSubdomain(suggestSubdomain(value))
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (hasInvalidCharacters(subdomain.trim())) {
      // The live status already says why; no need to ask the server.
      subdomainRef.current?.focus()
      return
    }
    setSent({ name, subdomain })
    await createShop({ name: name.trim(), subdomain: subdomain.trim() })
      .unwrap()
      .catch(() => focusFirstInvalid())
  }

  return (
    <section className="card form-card" aria-labelledby="create-title">
      <h1 id="create-title">Create a shop</h1>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-busy={isLoading}>
        {apiError && !stale && <Alert>{formMessage(apiError, shownFields)}</Alert>}
        <TextField
          label="Shop name"
          name="name"
          required
          autoComplete="organization"
          value={name}
          onChange={(e) => onNameChange(e.target.value)}
          errors={nameErrors}
        />
        <TextField
          ref={subdomainRef}
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
          errors={subdomainErrors}
          invalid={status.problem !== null}
          describedBy={statusId}
        />
        {/* Once the server has said why this subdomain failed, the live check would only repeat it. */}
        <SubdomainStatus id={statusId} tone={status.tone} text={subdomainErrors ? '' : status.text} />
        <button type="submit" className="btn btn-primary" disabled={isLoading}>
          {isLoading ? 'Creating shop…' : 'Create shop'}
        </button>
      </form>
    </section>
  )
}
