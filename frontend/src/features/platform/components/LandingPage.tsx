import { Link } from 'react-router'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'

export function LandingPage() {
  const user = useCurrentUser()
  useDocumentTitle('Shopyard — your own online shop')
  return (
    <section className="hero" aria-labelledby="hero-title">
      <h1 id="hero-title">Your own online shop, on your own servers</h1>
      <p className="lead">
        Shopyard is a self-hostable commerce platform. Each merchant gets a shop at its own address, a
        storefront for customers and a dashboard for the team — and every shop's customers and data stay
        apart from every other's.
      </p>
      <div className="actions">
        {user ? (
          <Link className="btn btn-primary" to="/shops">
            Go to my shops
          </Link>
        ) : (
          <>
            <Link className="btn btn-primary" to="/signup">
              Create your shop
            </Link>
            <Link className="btn btn-secondary" to="/login">
              Log in
            </Link>
          </>
        )}
      </div>
      <ul className="features">
        <li>
          <h2>A shop in a minute</h2>
          <p>Pick a name and an address like acme.yourdomain — the storefront is live at once.</p>
        </li>
        <li>
          <h2>Storefront and dashboard</h2>
          <p>Customers browse and sign up; your staff manage the shop from its dashboard.</p>
        </li>
        <li>
          <h2>Kept apart</h2>
          <p>Each shop has its own accounts: a sign-in at one shop means nothing at another.</p>
        </li>
      </ul>
    </section>
  )
}
