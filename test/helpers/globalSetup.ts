import { execFileSync } from 'node:child_process';

/** The CLI tests spawn bin/regie.js, so the plain-Node build must be the current code. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
