import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp folder, named `regie-XXXXXX`. */
export const makeTempDir = (): string => mkdtempSync(join(tmpdir(), 'regie-'));

export const removeTempDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });
