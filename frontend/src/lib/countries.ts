import { useMemo } from 'react'

/** Countries a shop ships to (the checkout's and the address book's choice). */
export const COUNTRY_CODES = [
  'AT', 'AU', 'BE', 'CA', 'CH', 'CZ', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'GR', 'IE', 'IT', 'JP', 'LU',
  'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'US',
]

/** A country's name in the browser's language, from its ISO 3166-1 alpha-2 code. */
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

/** "gb, IE fr" → ["FR", "GB", "IE"], and the entries that are not two-letter codes. */
export function parseCountryCodes(text: string): { codes: string[]; invalid: string[] } {
  const entries = text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim().toUpperCase())
    .filter(Boolean)
  const invalid = entries.filter((entry) => !/^[A-Z]{2}$/.test(entry))
  const codes = [...new Set(entries.filter((entry) => /^[A-Z]{2}$/.test(entry)))].sort()
  return { codes, invalid }
}
