import { useCallback } from 'react'
import { api } from '../../app/api'
import { useAppDispatch, useAppSelector } from '../../app/hooks'
import { useLogoutMutation, useMeQuery } from './authApi'
import { selectAccessToken, selectCurrentUser, selectRefreshToken, signedOut } from './authSlice'

export function useCurrentUser() {
  return useAppSelector(selectCurrentUser)
}

/** Re-reads the signed-in user once per page load, which also refreshes a stale token. */
export function useSessionCheck() {
  const access = useAppSelector(selectAccessToken)
  useMeQuery(undefined, { skip: !access })
}

export function useSignOut() {
  const dispatch = useAppDispatch()
  const refresh = useAppSelector(selectRefreshToken)
  const [logout, { isLoading }] = useLogoutMutation()

  const signOut = useCallback(async () => {
    if (refresh) {
      // Revoking server-side is best effort; the local session ends either way.
      await logout({ refresh }).catch(() => undefined)
    }
    dispatch(signedOut())
    dispatch(api.util.resetApiState())
  }, [dispatch, logout, refresh])

  return { signOut, isSigningOut: isLoading }
}
