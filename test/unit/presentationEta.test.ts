import { describe, expect, it } from 'vitest';
import { etaSeconds, overallFraction } from '../../src-main/presentation/methods/eta';

describe('conversion ETA', () => {
  it('weighs the phases as the bench measured them', () => {
    expect(overallFraction('fetch', 0)).toBe(0);
    expect(overallFraction('render', 100)).toBeCloseTo(0.25);
    expect(overallFraction('compose', 50)).toBeCloseTo(0.625);
    expect(overallFraction('compose', 150)).toBe(1);
  });
  it('says nothing before 5 % and after the end, else extrapolates the time spent', () => {
    expect(etaSeconds(0.01, 3)).toBeUndefined();
    expect(etaSeconds(1, 60)).toBeUndefined();
    expect(etaSeconds(0.25, 10)).toBe(30);
  });
});
