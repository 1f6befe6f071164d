import type { Category } from '../types/commerce'

/** Categories in tree order, each with its depth, for an indented <select>. */
export function categoryTree(categories: Category[]): { category: Category; depth: number }[] {
  const ids = new Set(categories.map((c) => String(c.id)))
  const children = new Map<string, Category[]>()
  for (const category of categories) {
    const parent = category.parent_id !== null && ids.has(String(category.parent_id)) ? String(category.parent_id) : ''
    children.set(parent, [...(children.get(parent) ?? []), category])
  }
  const out: { category: Category; depth: number }[] = []
  const seen = new Set<string>()
  const walk = (parent: string, depth: number) => {
    for (const category of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(String(category.id))) continue
      seen.add(String(category.id))
      out.push({ category, depth })
      walk(String(category.id), depth + 1)
    }
  }
  walk('', 0)
  return out
}
