import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { CallError } from '../../client/client';
import { useBilingual } from '../../i18n/i18n';

/**
 * Runs one control call at a time for a view: `busy` names the running one (its button spins,
 * the others wait), a refusal is shown with the call's own message in the current language. The
 * result is not applied here: the main side pushes the change (`webinars.changed`).
 */
export function useAction<K extends string>() {
  const pick = useBilingual();
  const [busy, setBusy] = useState<K | null>(null);
  const run = async <T>(key: K, action: () => Promise<T>, onDone?: (value: T) => void) => {
    setBusy(key);
    try {
      const value = await action();
      onDone?.(value);
      return true;
    } catch (error) {
      notifications.show({
        color: 'red',
        autoClose: 15_000,
        message: error instanceof CallError ? pick(error.wire.message) : String(error),
      });
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
