import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { WireError } from '../../src-preload/contract';
import { useBilingual } from '../i18n/i18n';
import { CallError } from './client';

/**
 * Runs an API call for a form: field errors go to the fields (`setErrors`), anything else to a
 * notification, and the form stays open with what the user typed.
 */
export function useSubmit(setErrors: (errors: Record<string, string>) => void) {
  const pick = useBilingual();
  const [isBusy, setBusy] = useState(false);
  const run = async <T>(action: () => Promise<T>, onDone: (value: T) => void) => {
    setBusy(true);
    try {
      onDone(await action());
    } catch (error) {
      const wire: WireError | undefined = error instanceof CallError ? error.wire : undefined;
      if (wire?.fieldErrors) {
        setErrors(
          Object.fromEntries(
            Object.entries(wire.fieldErrors).map(([field, text]) => [field, pick(text)]),
          ),
        );
      } else {
        notifications.show({ color: 'red', message: wire ? pick(wire.message) : String(error) });
      }
    } finally {
      setBusy(false);
    }
  };
  return { run, isBusy };
}
