import type { Bilingual } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import { findDefinition } from './definitions';
import { parsePodSettings } from './podSettingsFile';
import { checkValue } from './values';

export interface PodImportPlan {
  /** Settings Régie knows, with the value read (secrets shown as null). */
  imported: { key: string; value: unknown; line: number }[];
  /** Names Régie does not use, values of the wrong type, and statements that are not literals. */
  ignored: { name: string | null; line: number; reason: Bilingual }[];
  /** What to write: the same keys as `imported`, with secrets in clear. */
  values: Map<string, unknown>;
}

/**
 * Reads a Pod `settings_local.py` and sorts its assignments into what Régie takes and what it
 * leaves, without writing anything: the caller applies `values` (or only shows the plan).
 */
export function planPodImport(source: string): PodImportPlan {
  const parsed = parsePodSettings(source);
  const plan: PodImportPlan = { imported: [], ignored: [], values: new Map() };
  for (const skipped of parsed.skipped) {
    plan.ignored.push({
      name: skipped.name,
      line: skipped.line,
      reason: bi(skipped.reason, `non lu : ${skipped.reason}`),
    });
  }
  for (const { name, value, line } of parsed.assignments) {
    const def = findDefinition(name);
    if (!def || name.startsWith('REGIE_')) {
      plan.ignored.push({ name, line, reason: bi('not used by Régie', 'non utilisé par Régie') });
      continue;
    }
    // Python tuples and lists both arrive as arrays, so Pod's ADMINS pairs fit `people`.
    const checked = checkValue(def, value);
    if (!checked.ok) {
      plan.ignored.push({ name, line, reason: checked.why });
      continue;
    }
    plan.values.set(name, checked.value);
    plan.imported.push({ key: name, value: def.isSecret ? null : checked.value, line });
  }
  plan.ignored.sort((a, b) => a.line - b.line);
  return plan;
}
