import type { Bilingual } from '../../src-preload/contract';
import { bi } from '../ground/errors';

export interface WebinarInput {
  name: string;
  startAt: string;
  durationMinutes: number;
  enableChat?: boolean | undefined;
}

export interface WebinarFields {
  name: string;
  startMs: number;
  durationMinutes: number;
  enableChat: boolean;
}

/** Longest webinar: Pod takes 5 h as the longest; a day is the outer bound here. */
export const maxDurationMinutes = 24 * 60;

/**
 * A webinar's name (Pod: 2–250 characters), its start (an ISO 8601 date-time with its offset, so
 * that nobody's local time is guessed) and its expected duration.
 */
export function checkWebinarFields(input: WebinarInput): {
  fields: WebinarFields | null;
  errors: Record<string, Bilingual>;
} {
  const errors: Record<string, Bilingual> = {};
  const name = input.name.trim();
  if (name.length < 2 || name.length > 250)
    errors.name = bi('a name of 2 to 250 characters', 'un nom de 2 à 250 caractères');
  const iso = input.startAt.trim();
  const startMs = Date.parse(iso);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(iso) ||
    Number.isNaN(startMs)
  )
    errors.startAt = bi(
      `"${iso}" is not a date-time with its offset, like 2026-12-07T14:00+01:00 or 2026-12-07T13:00Z`,
      `« ${iso} » n'est pas une date et heure avec son décalage, comme 2026-12-07T14:00+01:00 ou 2026-12-07T13:00Z`,
    );
  const duration = input.durationMinutes;
  if (!Number.isInteger(duration) || duration < 1 || duration > maxDurationMinutes)
    errors.durationMinutes = bi(
      `a duration of 1 to ${String(maxDurationMinutes)} minutes`,
      `une durée de 1 à ${String(maxDurationMinutes)} minutes`,
    );
  if (Object.keys(errors).length > 0) return { fields: null, errors };
  return {
    fields: { name, startMs, durationMinutes: duration, enableChat: input.enableChat ?? false },
    errors,
  };
}
