// Import boundaries between folders, in the spirit of eslint-plugin-import's `no-restricted-paths`
// (which oxlint does not ship): each zone names the files it applies to (`target`), the folders
// they may not import from (`from`) and allowed exceptions inside those (`except`). Paths are
// relative to the front end's folder; only relative imports are checked (packages are in no zone).
// `features: { dir, allow: { name: [names it may import] } }` adds one zone per feature folder:
// a feature imports only the features it lists, so the arrows between features stay one-way.
import path from 'node:path'

const root = path.dirname(new URL(import.meta.url).pathname).replace(/\/lint$/, '')

const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`)
const list = (value) => (Array.isArray(value) ? value : value ? [value] : [])

function featureZones(features) {
  if (!features) return []
  const names = Object.keys(features.allow)
  return names.map((name) => ({
    target: `${features.dir}/${name}`,
    from: names.filter((other) => other !== name && !features.allow[name].includes(other)).map((other) => `${features.dir}/${other}`),
    message: `the ${name} feature may import only ${features.allow[name].join(', ') || 'no other feature'} (.oxlintrc.json); move shared pieces to src/components or src/lib`,
  }))
}

const noRestrictedPaths = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports that cross a folder boundary' },
    schema: [{ type: 'object' }],
  },
  create(context) {
    const options = context.options[0] ?? {}
    const zones = [...(options.zones ?? []), ...featureZones(options.features)]
    const file = path.relative(root, context.filename).split(path.sep).join('/')
    const active = zones.filter((zone) => list(zone.target).some((target) => inside(file, target)))
    if (!active.length) return {}

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const imported = path.posix.normalize(path.posix.join(path.posix.dirname(file), source))
      for (const zone of active) {
        const blocked = list(zone.from).some((from) => inside(imported, from))
        const excused = list(zone.except).some((except) => inside(imported, except))
        if (blocked && !excused) {
          context.report({ node, message: `${file} may not import ${imported}: ${zone.message ?? 'folder boundary'}` })
          return
        }
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    }
  },
}

export default {
  meta: { name: 'boundaries' },
  rules: { 'no-restricted-paths': noRestrictedPaths },
}
