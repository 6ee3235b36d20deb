/**
 * `npm run lint` fails when backend modules import each other in a loop. A module is a folder of
 * backend/src (a file directly under it is a module of its own); dependency-cruiser gives the
 * imports (type-only ones included, tests left out, as .dependency-cruiser.cjs says), and the
 * strongly connected components of the module graph are the loops.
 *
 * One kind of import is not a dependency between modules: a table's foreign key to another
 * module's table (`schema.ts` → `schema.ts`). Keys point where the data does — an institution's
 * officers are users, and a user belongs to an institution — while the code that reads and writes
 * those tables must still depend one way.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

interface Cruised {
  modules: { source: string; dependencies: { resolved: string }[] }[];
}

const BACKEND = 'backend/src/';
const root = path.resolve(import.meta.dirname, '..');

const moduleOf = (file: string): string | null => {
  if (!file.startsWith(BACKEND)) return null;
  const [first, ...rest] = file.slice(BACKEND.length).split('/');
  return rest.length ? first! : first!.replace(/\.tsx?$/, '');
};
const isTable = (file: string) => file.endsWith('/schema.ts');

const cruised = JSON.parse(
  execFileSync(
    path.join(root, 'node_modules/.bin/depcruise'),
    [BACKEND, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
  ),
) as Cruised;

/** module → imported module → the file imports that make the edge */
const edges = new Map<string, Map<string, string[]>>();
for (const { source, dependencies } of cruised.modules) {
  const from = moduleOf(source);
  if (!from) continue;
  for (const { resolved } of dependencies) {
    const to = moduleOf(resolved);
    if (!to || to === from || (isTable(source) && isTable(resolved))) continue;
    const targets = edges.get(from) ?? edges.set(from, new Map()).get(from)!;
    targets.set(to, [...(targets.get(to) ?? []), `${source} → ${resolved}`]);
  }
}

/** Tarjan's strongly connected components; one of more than one module is a loop. */
function loops(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

const found = loops();
for (const component of found) {
  console.error(`backend modules import each other in a loop: ${component.join(', ')}`);
  for (const from of component) {
    for (const [to, imports] of edges.get(from) ?? []) {
      if (!component.includes(to)) continue;
      const more = imports.length > 2 ? ` (and ${imports.length - 2} more)` : '';
      console.error(`  ${from} → ${to}: ${imports.slice(0, 2).join('; ')}${more}`);
    }
  }
}
if (found.length) process.exit(1);
console.log(`module-cycles: ${edges.size} backend modules, no import loop between them`);
