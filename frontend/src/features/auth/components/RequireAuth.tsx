import { Navigate, Outlet, useLocation } from 'react-router'
import { useCurrentUser } from '../hooks'

/** Platform pages that need a signed-in user send everyone else to /login and back. */
export function RequireAuth({ loginPath = '/login' }: { loginPath?: string }) {
  const user = useCurrentUser()
  const location = useLocation()
  if (!user) return <Navigate to={loginPath} replace state={{ from: location.pathname + location.search }} />
  return <Outlet />
}
