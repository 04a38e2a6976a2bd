import { useEffect, useState } from 'react';
import type { HlsHealth } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import type { Bilingual } from '../../../src-preload/contract';

/** The main side's reading of the HLS side, asked every 5 s while the view is open. */
const everyMs = 5_000;

export function useHlsHealth(gatewayId: number | null): {
  health: HlsHealth | null;
  error: Bilingual | null;
} {
  const [health, setHealth] = useState<HlsHealth | null>(null);
  const [error, setError] = useState<Bilingual | null>(null);
  useEffect(() => {
    if (gatewayId === null) return;
    let isCurrent = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One request at a time: the next is asked for 5 s after the answer, never piled up.
    const read = () => {
      call('gateways.health', { id: gatewayId })
        .then(
          (value) => {
            if (!isCurrent) return;
            setHealth(value);
            setError(null);
          },
          (reason: unknown) => {
            if (!isCurrent) return;
            setError(
              reason instanceof CallError
                ? reason.wire.message
                : { en: String(reason), fr: String(reason) },
            );
          },
        )
        .finally(() => {
          if (isCurrent) timer = setTimeout(read, everyMs);
        });
    };
    read();
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [gatewayId]);
  return { health, error };
}
