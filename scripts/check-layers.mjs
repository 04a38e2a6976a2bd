// The folder graph a newcomer can read (README "Developing"), checked in `npm test`:
// - no import cycle between folders;
// - the ground floor (src-main/ground) imports no other folder of src-main;
// - the composition root (src-main/app) is imported only by the faces (cli, electron, host);
// - the renderer imports nothing of the main side, only the contract (src-preload);
// - the job queue imports nothing of media.
// Imports are read with TypeScript's own pre-processor, type-only imports included: a type
// import is a dependency a reader has to follow too.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const faces = new Set(['main/cli', 'main/electron', 'main/host']);
/** Edges that would bring one capability's knowledge into another that must stay generic. */
const forbidden = [['main/jobs', 'main/media', 'the job queue knows nothing of media']];

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** `main/<capability>` for src-main, else the top folder's short name. */
function folderOf(path) {
  const [top, second] = relative(root, path).split('/');
  if (top === 'src-main') return `main/${second}`;
  return top.replace(/^src-/, '');
}

const edges = new Map(); // folder -> Map(folder -> first file that imports it)
const files = ['src-main', 'src-preload', 'src-renderer'].flatMap((d) =>
  sourceFiles(join(root, d)),
);
for (const file of files) {
  const from = folderOf(file);
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const to = folderOf(resolve(dirname(file), fileName));
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const targets = edges.get(from);
    if (!targets.has(to)) targets.set(to, relative(root, file));
  }
}

const problems = [];
const why = (from, to) => `${from} → ${to} (${edges.get(from)?.get(to)})`;

for (const [from, targets] of edges) {
  for (const to of targets.keys()) {
    if (from === 'main/ground' && to.startsWith('main/')) {
      problems.push(`the ground floor imports a capability: ${why(from, to)}`);
    }
    if (to === 'main/app' && !faces.has(from)) {
      problems.push(`the composition root is imported by a non-face: ${why(from, to)}`);
    }
    for (const [a, b, rule] of forbidden) {
      if (from === a && to === b) problems.push(`${rule}: ${why(from, to)}`);
    }
    if (from === 'renderer' && to !== 'preload') {
      problems.push(`the renderer imports beyond the contract: ${why(from, to)}`);
    }
  }
}

// Tarjan's strongly connected components: any component of two folders or more is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const components = [];
function visit(node) {
  state.set(node, { index, low: index, onStack: true });
  index += 1;
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!state.has(next)) {
      visit(next);
      state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
    } else if (state.get(next).onStack) {
      state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
    }
  }
  if (state.get(node).low === state.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component);
  }
}
for (const node of edges.keys()) if (!state.has(node)) visit(node);
for (const component of components) {
  const inside = new Set(component);
  const links = component.flatMap((from) =>
    [...(edges.get(from)?.keys() ?? [])].filter((to) => inside.has(to)).map((to) => why(from, to)),
  );
  problems.push(
    `import cycle between folders ${component.sort().join(', ')}:\n    ${links.join('\n    ')}`,
  );
}

if (problems.length > 0) {
  console.error(`check-layers: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-layers: ${edges.size} folders, no cycle, ground floor and composition root in place`,
);
