import { Link } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'
import { AddressBook } from './AddressBook'
import { EmailPreferences } from './EmailPreferences'

export function AccountPage() {
  const shop = useShopInfo()
  const user = useCurrentUser()
  useDocumentTitle(`Your account — ${shop.name}`)
  return (
    <section aria-labelledby="account-title" className="account-page">
      <h1 id="account-title">Your account</h1>
      <p>
        Signed in as <strong>{user?.email}</strong>. <Link to="/account/orders">Your orders</Link>
      </p>
      <AddressBook />
      <EmailPreferences />
    </section>
  )
}
