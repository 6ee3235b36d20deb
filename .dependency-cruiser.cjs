/**
 * The import rules `npm run lint` checks (dependency-cruiser): no file reaches itself through its
 * imports, and the request lifecycle's modules depend one way —
 *   calendar ← clock ← sla-policy ← requests ← sla ← supervision.
 * Tests are left out: they exercise several modules together and nothing imports them.
 * Loops between whole modules (folders of backend/src) are found by scripts/module-cycles.ts
 * from this same cruise; both run in `npm run lint:imports`.
 */
const inModule = (names) => `^backend/src/(${names})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-import-cycle',
      severity: 'error',
      comment: 'A file must not reach itself through its imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'requests-before-sla-and-supervision',
      severity: 'error',
      comment: 'SLA and supervision ask the requests module to act and read it; it never calls them.',
      from: { path: inModule('requests') },
      to: { path: inModule('sla|supervision') },
    },
    {
      name: 'time-rules-below-requests',
      severity: 'error',
      comment: 'The clock, the working calendar and the SLA policy know nothing of requests.',
      from: { path: inModule('clock|calendar|sla-policy') },
      to: { path: inModule('requests|sla|supervision') },
    },
    {
      name: 'calendar-below-clock-and-policy',
      severity: 'error',
      comment: 'The working calendar is the lowest of them; the clock carries it, the SLA policy reads both.',
      from: { path: inModule('calendar') },
      to: { path: inModule('clock|sla-policy') },
    },
    {
      name: 'clock-below-policy',
      severity: 'error',
      from: { path: inModule('clock') },
      to: { path: inModule('sla-policy') },
    },
    {
      name: 'sla-before-supervision',
      severity: 'error',
      comment: 'Supervision reads the SLA figures; the SLA module does not call supervision.',
      from: { path: inModule('sla') },
      to: { path: inModule('supervision') },
    },
    {
      name: 'contract-safe-in-a-browser',
      severity: 'error',
      comment:
        'The contract the web app imports (backend/src/contract.ts) reaches zod schemas, constants and pure functions only: no database, server, node: module or Redis.',
      from: { path: '^backend/src/contract\\.ts$' },
      to: {
        reachable: true,
        pathNot: ['^backend/src/', 'node_modules/(zod|@asteasolutions/zod-to-openapi)/'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$|/e2e/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
