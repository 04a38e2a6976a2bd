import type { ConvertPhase } from './types';

/**
 * Share of a conversion's time each phase takes, measured on the 30-minute bench recordings
 * (npm run bench:presentation: drawing ~20 %, encoding the segments ~75 %, the rest small).
 */
const WEIGHTS: Readonly<Record<ConvertPhase, readonly [number, number]>> = {
  fetch: [0, 0.05],
  render: [0.05, 0.25],
  compose: [0.25, 1],
  encode: [0.25, 1],
};

/** How far the whole conversion is, 0–1, from the phase and its percent. Pure. */
export function overallFraction(phase: ConvertPhase, percent: number): number {
  const [from, to] = WEIGHTS[phase];
  return from + ((to - from) * Math.min(100, Math.max(0, percent))) / 100;
}

/** Seconds left, from the time spent so far; undefined until 5 % is done (too noisy before). */
export function etaSeconds(fraction: number, elapsedS: number): number | undefined {
  if (fraction < 0.05 || fraction >= 1) return undefined;
  return Math.round((elapsedS * (1 - fraction)) / fraction);
}
