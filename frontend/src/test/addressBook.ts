import { http, HttpResponse } from 'msw'
import type { SavedAddress } from '../features/account/addressesApi'
import { apiError } from './fixtures'
import { server, userFor } from './server'

const unauthorized = () =>
  HttpResponse.json(apiError('not_authenticated', 'Authentication credentials were not provided.'), { status: 401 })

/**
 * An in-memory address book with the backend's rules: the first address is the default, one
 * default at a time, at most 20, default first in the list.
 */
export function fakeAddressBook(initial: Omit<SavedAddress, 'id'>[] = []) {
  let nextId = 1
  let book: SavedAddress[] = initial.map((a) => ({ ...a, id: nextId++ }))
  const ordered = () => [...book].sort((a, b) => Number(b.is_default) - Number(a.is_default) || Number(b.id) - Number(a.id))
  const makeDefault = (id: number) => {
    book = book.map((a) => ({ ...a, is_default: a.id === id }))
  }
  server.use(
    http.get('/api/account/addresses/', ({ request }) => (userFor(request) ? HttpResponse.json(ordered()) : unauthorized())),
    http.post('/api/account/addresses/', async ({ request }) => {
      if (!userFor(request)) return unauthorized()
      if (book.length >= 20) return HttpResponse.json(apiError('address_limit', 'You can keep up to 20 addresses.'), { status: 400 })
      const body = (await request.json()) as Partial<SavedAddress>
      const address = { label: '', line2: '', phone: '', ...body, id: nextId++, is_default: false } as SavedAddress
      book.push(address)
      if (body.is_default || book.length === 1) makeDefault(Number(address.id))
      return HttpResponse.json(book.find((a) => a.id === address.id), { status: 201 })
    }),
    http.patch('/api/account/addresses/:id/', async ({ request, params }) => {
      if (!userFor(request)) return unauthorized()
      const id = Number(params.id)
      const changes = (await request.json()) as Partial<SavedAddress>
      book = book.map((a) => (a.id === id ? { ...a, ...changes, id, is_default: a.is_default } : a))
      if (changes.is_default) makeDefault(id)
      return HttpResponse.json(book.find((a) => a.id === id))
    }),
    http.delete('/api/account/addresses/:id/', ({ request, params }) => {
      if (!userFor(request)) return unauthorized()
      const gone = book.find((a) => a.id === Number(params.id))
      book = book.filter((a) => a !== gone)
      if (gone?.is_default && book.length) makeDefault(Number(ordered()[0].id))
      return new HttpResponse(null, { status: 204 })
    }),
  )
  return { book: () => ordered() }
}
