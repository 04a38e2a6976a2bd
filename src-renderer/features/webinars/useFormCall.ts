import { useState } from 'react';
import type { Bilingual } from '../../../src-preload/contract';
import { CallError } from '../../client/client';
import { useBilingual } from '../../i18n/i18n';

/**
 * Runs a form's call. Field errors go to the fields (`startAt` to the date field, which holds the
 * start with the time beside it); any other refusal stays in the form (`refusal`), since it can be
 * long: no free gateway names every overlapping webinar.
 */
export function useFormCall(setErrors: (errors: Record<string, string>) => void) {
  const pick = useBilingual();
  const [isBusy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Bilingual | null>(null);
  const run = async <T>(action: () => Promise<T>, onDone: (value: T) => void) => {
    setBusy(true);
    setRefusal(null);
    try {
      onDone(await action());
    } catch (error) {
      const wire = error instanceof CallError ? error.wire : undefined;
      if (wire?.fieldErrors && Object.keys(wire.fieldErrors).length > 0) {
        const errors: Record<string, string> = {};
        for (const [field, text] of Object.entries(wire.fieldErrors))
          errors[field === 'startAt' ? 'date' : field] = pick(text);
        setErrors(errors);
      } else {
        setRefusal(wire?.message ?? { en: String(error), fr: String(error) });
      }
    } finally {
      setBusy(false);
    }
  };
  return { run, isBusy, refusal };
}
