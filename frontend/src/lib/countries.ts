import { useMemo } from 'react'

/** Countries a shop ships to (the checkout's and the address book's choice). */
export const COUNTRY_CODES = [
  'AT', 'AU', 'BE', 'CA', 'CH', 'CZ', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'GR', 'IE', 'IT', 'JP', 'LU',
  'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'US',
]

export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' }).of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}

/** The countries by name in the visitor's language, for a <select>. */
export function useCountries() {
  return useMemo(
    () =>
      COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name)),
    [],
  )
}
