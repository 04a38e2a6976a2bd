import { useState } from 'react';
import type { Bilingual } from '../../../src-preload/contract';
import { CallError } from '../../client/client';
import { labelled } from '../../i18n/format';
import { useBilingual } from '../../i18n/i18n';

/**
 * Runs a form's call. Field errors go to the fields (`startAt` to the date field, which holds the
 * start with the time beside it). The message stays in the form (`refusal`) when it says more
 * than the fields: a refusal that is not a plain validation (no free gateway: its field says
 * "aucune passerelle libre", the message names every overlapping webinar), or an error about a
 * field the form does not show.
 */
export function useFormCall(
  setErrors: (errors: Record<string, string>) => void,
  fields: readonly string[],
) {
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
      if (!wire) {
        setRefusal({ en: String(error), fr: String(error) });
        return;
      }
      const errors: Record<string, string> = {};
      const unshown: [string, Bilingual][] = [];
      for (const [field, text] of Object.entries(wire.fieldErrors ?? {})) {
        const shownAt = field === 'startAt' ? 'date' : field;
        if (fields.includes(shownAt)) errors[shownAt] = pick(text);
        else unshown.push([field, text]);
      }
      setErrors(errors);
      if (wire.code !== 'validation' || Object.keys(errors).length === 0) setRefusal(wire.message);
      else if (unshown.length > 0)
        setRefusal({
          en: unshown.map(([field, text]) => labelled('en', field, text.en)).join('\n'),
          fr: unshown.map(([field, text]) => labelled('fr', field, text.fr)).join('\n'),
        });
    } finally {
      setBusy(false);
    }
  };
  return { run, isBusy, refusal };
}
