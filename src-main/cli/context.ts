import { createApp, type RegieApp } from '../app/app';
import { resolveDataDir } from './dataDir';
import type { CliIo } from './io';

export interface GlobalValues {
  data?: string | undefined;
  json?: boolean | undefined;
  as?: string | undefined;
  /** Errors come with their technical detail and stack. */
  debug?: boolean | undefined;
  /** Long-running commands (serve) watch the drop folders. */
  watch?: boolean;
}

/** Opens the core for one command and closes it afterwards, whatever happens. */
export async function withApp<T>(
  io: CliIo,
  values: GlobalValues,
  run: (app: RegieApp) => Promise<T> | T,
): Promise<T> {
  const app = createApp({
    dataDir: resolveDataDir(values.data, io.env),
    ...(values.as !== undefined ? { operator: values.as } : {}),
    watch: values.watch === true,
  });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

export function print(io: CliIo, values: GlobalValues, json: unknown, human: () => string): void {
  io.out(values.json ? `${JSON.stringify(json, null, 2)}\n` : human());
}
