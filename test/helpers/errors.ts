import { RegieError } from '../../src-main/ground/errors';

/**
 * Awaits a call that must fail and returns the RegieError it threw, so a test can assert on
 * `code` and on the exact set of `fieldErrors` keys. Anything else fails the test.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<RegieError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegieError) return error;
    throw new Error(`expected a RegieError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** Same, for code that throws synchronously (openDatabase, createApp). */
export function thrownBy(run: () => unknown): RegieError {
  try {
    run();
  } catch (error) {
    if (error instanceof RegieError) return error;
    throw new Error(`expected a RegieError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected it to throw, it returned');
}
