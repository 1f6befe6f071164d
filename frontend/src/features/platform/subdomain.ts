/** A DNS-safe suggestion from a shop name: "Café Ünïcorn & Co" -> "cafe-unicorn-co". */
export function suggestSubdomain(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '')
}

export const INVALID_CHARACTERS_MESSAGE = 'Use only lowercase letters, digits and hyphens.'

/** True when the subdomain holds a character no subdomain may have ("/", ".", "_", capitals…). */
export function hasInvalidCharacters(subdomain: string): boolean {
  return subdomain !== '' && !/^[a-z0-9-]+$/.test(subdomain)
}

const reasons: Record<string, string> = {
  invalid: `That subdomain is not valid. ${INVALID_CHARACTERS_MESSAGE}`,
  reserved: 'That subdomain is reserved.',
  taken: 'That subdomain is already taken.',
}

export function unavailableReason(code: string | null, message: string | undefined): string {
  return message?.trim() || (code && reasons[code]) || 'That subdomain is not available.'
}
