import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `test/fixtures/bbb` (copied from ../shared/fixtures/bbb with its README): real BBB and Scalelite answers, with their provenance (README). */
export const bbbFixturesDir = fileURLToPath(new URL('../fixtures/bbb/', import.meta.url));

export const bbbFixture = (path: string): string =>
  readFileSync(join(bbbFixturesDir, path), 'utf8');

/** Every API answer under `api/` and `derived/` (XML), as `relative path → text`. */
export function bbbApiFixtures(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.xml'))
        out.push([relative(bbbFixturesDir, path), readFileSync(path, 'utf8')]);
    }
  };
  walk(join(bbbFixturesDir, 'api'));
  walk(join(bbbFixturesDir, 'derived', 'bbb'));
  walk(join(bbbFixturesDir, 'derived', 'scalelite'));
  return out.sort(([a], [b]) => a.localeCompare(b));
}
