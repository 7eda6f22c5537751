// The dependency rule of ARCHITECTURE.md, checked by `npm run check:layers` (and so by `npm test` and CI):
// a file imports only from its own layer or a lower one; features import only the core's surface (src/api.ts);
// the edges (CLI, HTTP service) import only the package root (src/index.ts); nothing imports in a circle.

/** The layers of the core, lowest first; a layer may import from those before it. */
const core = [
  ['util', 'logging', 'telemetry'],
  ['errors', 'faults', 'requests', 'responses'],
  ['config'],
  ['storage'],
  ['profiles'],
  ['sequences'],
  ['container'],
  ['models'],
  ['authorization'],
  ['modules'],
  ['pipeline'],
  ['foundation'],
];
const folder = (names) => `^src/(${names.join('|')})/`;

const upward = core.flatMap((layer, i) => {
  const above = core.slice(i + 1).flat();
  if (above.length === 0) return [];
  return [
    {
      name: `${layer.join('-')}-points-down`,
      comment: `${layer.join(', ')} may import only from its own layer or a lower one (ARCHITECTURE.md)`,
      severity: 'error',
      from: { path: folder(layer) },
      to: { path: [folder(above), '^src/(api|index|shipped)\\.ts$', '^src/(features|cli|http)/'] },
    },
  ];
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'core-knows-no-feature',
      comment: 'the core (src/api.ts and everything under it) imports nothing from a feature or an edge',
      severity: 'error',
      from: { path: [folder(core.flat()), '^src/api\\.ts$'] },
      to: { path: ['^src/(features|cli|http)/', '^src/(index|shipped)\\.ts$'] },
    },
    {
      name: 'features-use-the-public-surface',
      comment: 'a feature imports only what the package exports (src/api.ts) and its own files',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/api\\.ts$', '^src/features/$1/'] },
    },
    {
      name: 'edges-use-the-package-root',
      comment: 'the CLI imports only the package root (src/index.ts) and its own files',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: ['^src/index\\.ts$', '^src/cli/'] },
    },
    {
      name: 'http-uses-the-public-surface',
      comment: 'the HTTP service, which the package root exports, imports only the core\'s surface (src/api.ts) and its own files',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/', pathNot: ['^src/api\\.ts$', '^src/http/'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
