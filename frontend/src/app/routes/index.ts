import type { AppConfig } from '../config'
import { platformRoutes } from './platform'
import { shopRoutes } from './shop'

export function routesFor(config: AppConfig) {
  return config.kind === 'shop' ? shopRoutes : platformRoutes
}
