import type { RouteObject } from 'react-router'
import { describe, expect, it } from 'vitest'
import paths from './paths.json'
import { platformRoutes } from './platform'
import { shopRoutes } from './shop'

/** Every full path a route tree can match, leaving out its catch-all "not found" routes. */
function fullPaths(routes: RouteObject[], parent = ''): string[] {
  return routes.flatMap((route) => {
    if (route.path === '*') return []
    const here = route.path ? `${parent.replace(/\/$/, '')}/${route.path}` : parent
    return route.children ? fullPaths(route.children, here) : [here || '/']
  })
}

describe('the server’s list of client routes', () => {
  it('names exactly the shop host’s routes', () => {
    expect([...fullPaths(shopRoutes)].sort()).toEqual([...paths.shop].sort())
  })

  it('names exactly the platform’s routes', () => {
    expect([...fullPaths(platformRoutes)].sort()).toEqual([...paths.platform].sort())
  })
})
