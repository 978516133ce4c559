/**
 * The house rules of imports (README "Layout"): folders form layers and imports only point down,
 *   cli → pipelines → sources | transforms | reports | serve | samples | alerts → figures → warehouse → catalogue → core
 * (the CLI also starts the board, `kpi serve`), and nothing imports in a circle. `npm run check`
 * fails on any violation.
 */
const layer = (folder, mayNotImport, comment) => ({
  name: `${folder}-imports-down-only`,
  comment,
  severity: 'error',
  from: { path: `^${folder}/` },
  to: { path: `^(${mayNotImport.join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules never import each other in a circle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer(
      'core',
      [
        'catalogue',
        'warehouse',
        'figures',
        'sources',
        'transforms',
        'reports',
        'samples',
        'pipelines',
        'serve',
        'cli',
        'alerts',
      ],
      'core/ is the floor: it imports nothing of the product.',
    ),
    layer(
      'catalogue',
      [
        'warehouse',
        'figures',
        'sources',
        'transforms',
        'reports',
        'samples',
        'pipelines',
        'serve',
        'cli',
        'alerts',
      ],
      'catalogue/ stands on core/ only.',
    ),
    layer(
      'warehouse',
      ['figures', 'sources', 'transforms', 'reports', 'samples', 'pipelines', 'serve', 'cli', 'alerts'],
      'warehouse/ stands on catalogue/ and core/.',
    ),
    layer(
      'figures',
      ['warehouse', 'sources', 'transforms', 'reports', 'samples', 'pipelines', 'serve', 'cli', 'alerts'],
      'figures/ prints a figure (formats, status, quantities, gaps, ranks, charts) from values it is handed; it reads nothing.',
    ),
    layer(
      'sources',
      ['transforms', 'reports', 'samples', 'pipelines', 'serve', 'cli', 'alerts'],
      'Sources read files; they know the warehouse types, never a sibling or a layer above.',
    ),
    layer(
      'transforms',
      ['sources', 'reports', 'samples', 'pipelines', 'serve', 'cli', 'alerts'],
      'Transforms derive and check over the warehouse.',
    ),
    layer(
      'reports',
      ['sources', 'transforms', 'samples', 'pipelines', 'serve', 'cli', 'alerts'],
      'Reports read the warehouse and print with figures/; the board is a sibling, never imported.',
    ),
    layer(
      'samples',
      ['transforms', 'reports', 'pipelines', 'serve', 'cli', 'alerts'],
      'The sample writers make files as districts and systems do.',
    ),
    layer(
      'alerts',
      ['warehouse', 'figures', 'sources', 'transforms', 'reports', 'samples', 'pipelines', 'serve', 'cli'],
      'Alerts format and send messages; the pipeline gathers their facts and calls them.',
    ),
    layer('pipelines', ['serve', 'cli'], 'Pipelines wire the steps; only the CLI calls them.'),
    layer(
      'serve',
      ['pipelines', 'cli', 'sources', 'transforms', 'reports', 'samples', 'alerts'],
      'The board reads the published warehouse and prints with figures/; it lists the reports folder as files, never imports reports/.',
    ),
    {
      name: 'cli-calls-pipelines',
      comment: 'The CLI parses flags, calls one pipeline function and prints; it reaches no lower layer.',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^(warehouse|figures|sources|transforms|reports|samples|alerts)/' },
    },
    {
      name: 'product-does-not-import-tests-or-benchmarks',
      severity: 'error',
      from: {
        path: '^(core|catalogue|warehouse|figures|sources|transforms|reports|samples|alerts|pipelines|serve|cli)/',
      },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules' },
  },
};
