import { NavLink, Outlet } from 'react-router'
import { SignedInAs, SiteHeader, SkipLink } from '../../../components/SiteHeader'
import { SignOutButton } from '../../auth/components/SignOutButton'
import { useCurrentUser, useSessionCheck } from '../../auth/hooks'

export function PlatformLayout() {
  useSessionCheck()
  const user = useCurrentUser()

  return (
    <div className="app">
      <SkipLink />
      <SiteHeader brand="Shopyard" brandTo="/" navLabel="Main">
        {user ? (
          <>
            <NavLink to="/shops" end>
              My shops
            </NavLink>
            {user.role === 'admin' && <NavLink to="/admin">Admin</NavLink>}
            <NavLink to="/account/security">Security</NavLink>
            <SignedInAs email={user.email} />
            <SignOutButton />
          </>
        ) : (
          <>
            <NavLink to="/login">Log in</NavLink>
            <NavLink to="/signup">Sign up</NavLink>
          </>
        )}
      </SiteHeader>
      <main id="main" className="container main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  )
}
