import { createSlice, type PayloadAction } from '@reduxjs/toolkit'

export interface CartState {
  /** The guest cart token the server handed out; forgotten once merged into an account. */
  token: string | null
}

const initialState: CartState = { token: null }

const cartSlice = createSlice({
  name: 'cart',
  initialState,
  reducers: {
    cartTokenReceived(state, action: PayloadAction<string>) {
      state.token = action.payload
    },
    cartTokenForgotten(state) {
      state.token = null
    },
  },
  selectors: {
    selectCartToken: (cart) => cart.token,
  },
})

export const cartReducer = cartSlice.reducer
export const { cartTokenReceived, cartTokenForgotten } = cartSlice.actions
export const { selectCartToken } = cartSlice.selectors
