/** A country's name in the browser's language, from its ISO 3166-1 alpha-2 code. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' }).of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
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
