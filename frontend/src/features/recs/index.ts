export { BuyAgainRecs } from './components/BuyAgainRecs'
export { CartRecs } from './components/CartRecs'
export { HomeRecs } from './components/HomeRecs'
export { ProductRecs } from './components/ProductRecs'
