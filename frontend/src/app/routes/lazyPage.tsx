import { type ComponentType, lazy, type LazyExoticComponent, Suspense } from 'react'
import { Loading } from '../../components/States'

type Loader = () => Promise<Record<string, unknown>>

const loaded = new Map<Loader, Record<string, unknown>>()
const lazies = new Map<Loader, Map<string, LazyExoticComponent<ComponentType>>>()
const loaders = new Set<Loader>()

/**
 * A route element whose code is fetched on the first visit: a shopper's first page then carries
 * neither the dashboard, the platform nor the admin console. While the chunk loads, a status
 * message (announced by screen readers) takes the page's place; once loaded, it renders at once.
 */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  loaders.add(load)
  return <LazyPage load={load} name={name} />
}

function LazyPage({ load, name }: { load: Loader; name: string }) {
  const module = loaded.get(load)
  if (module) {
    const Page = module[name] as ComponentType
    return <Page />
  }
  return (
    <Suspense fallback={<Loading label="Loading page…" />}>
      <LazyOf load={load} name={name} />
    </Suspense>
  )
}

function LazyOf({ load, name }: { load: Loader; name: string }) {
  const byName = lazies.get(load) ?? new Map<string, LazyExoticComponent<ComponentType>>()
  lazies.set(load, byName)
  let Page = byName.get(name)
  if (!Page) {
    Page = lazy(async () => {
      const module = await load()
      loaded.set(load, module)
      return { default: module[name] as ComponentType }
    })
    byName.set(name, Page)
  }
  // Not created per render: each (chunk, export) pair gets one lazy component, kept in `lazies`.
  // oxlint-disable-next-line react/static-components
  return <Page />
}

/** Loads every page's chunk now (the unit tests render routes without waiting for chunks). */
export async function preloadPages(): Promise<void> {
  await Promise.all([...loaders].map(async (load) => loaded.set(load, await load())))
}
