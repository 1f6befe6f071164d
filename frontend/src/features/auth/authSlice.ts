import { createSlice, type PayloadAction } from '@reduxjs/toolkit'
import { emptyAuth, type StoredAuth } from './tokenStorage'
import type { AuthResponse, Tokens, User } from './types'

export type AuthState = StoredAuth

const authSlice = createSlice({
  name: 'auth',
  initialState: emptyAuth as AuthState,
  reducers: {
    credentialsReceived(_state, action: PayloadAction<AuthResponse>) {
      const { access, refresh, user } = action.payload
      return { access, refresh, user }
    },
    tokensRefreshed(state, action: PayloadAction<Tokens>) {
      state.access = action.payload.access
      // Refresh tokens rotate: the old one is now spent.
      state.refresh = action.payload.refresh ?? state.refresh
    },
    userLoaded(state, action: PayloadAction<User>) {
      state.user = action.payload
    },
    signedOut() {
      return emptyAuth
    },
  },
  selectors: {
    selectAccessToken: (auth) => auth.access,
    selectRefreshToken: (auth) => auth.refresh,
    selectCurrentUser: (auth) => auth.user,
    selectIsSignedIn: (auth) => Boolean(auth.access && auth.user),
  },
})

export const authReducer = authSlice.reducer
export const { credentialsReceived, tokensRefreshed, userLoaded, signedOut } = authSlice.actions
export const { selectAccessToken, selectRefreshToken, selectCurrentUser, selectIsSignedIn } =
  authSlice.selectors
