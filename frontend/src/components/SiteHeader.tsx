import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** The first thing a keyboard user reaches: straight to `#main`. */
export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to content
    </a>
  )
}

export function SignedInAs({ email }: { email: string | undefined }) {
  return (
    <span className="header-user">
      <span className="visually-hidden">Signed in as </span>
      {email}
    </span>
  )
}

interface SiteHeaderProps {
  brand: ReactNode
  brandTo: string
  /** Names the header's navigation ("Main", "Account"). */
  navLabel: string
  /** Between the brand and the navigation (e.g. a search box). */
  between?: ReactNode
  children: ReactNode
}

export function SiteHeader({ brand, brandTo, navLabel, between, children }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to={brandTo} className="brand">
          {brand}
        </Link>
        {between}
        <nav aria-label={navLabel} className="header-nav">
          {children}
        </nav>
      </div>
    </header>
  )
}
