import type { EventName, Events, User, UserInput } from '../../src-preload/contract';
import { afterEach, beforeEach } from 'vitest';
import { createApp, type AppConfig, type RegieApp } from '../../src-main/app/app';
import { makeTempDir, removeTempDir } from './tempDir';

/** Adds a user through the API, as the local administrator of a fresh data directory would. */
export function addUser(
  app: RegieApp,
  username: string,
  extra: Partial<UserInput> = {},
): Promise<User> {
  return app.api.invoke('users.create', {
    username,
    firstName: username,
    lastName: 'Test',
    ...extra,
  });
}

/** Every payload of one event, in order, until the test ends (the app is closed per test). */
export function recordEvents<E extends EventName>(app: RegieApp, name: E): Events[E][] {
  const seen: Events[E][] = [];
  app.events.on(name, (payload) => seen.push(payload));
  return seen;
}

/**
 * A console on a new data directory for each test of the enclosing `describe`, closed (awaited)
 * and removed after it: `const ctx = appPerTest(() => ({ now: steppingClock() }))`, then
 * `ctx.app` and `ctx.dir` inside the tests.
 */
export function appPerTest(config: () => Omit<AppConfig, 'dataDir'> = () => ({})): {
  readonly app: RegieApp;
  readonly dir: string;
} {
  let dir: string | undefined;
  let app: RegieApp | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    app = createApp({ dataDir: dir, ...config() });
  });
  afterEach(async () => {
    await app?.close();
    if (dir) removeTempDir(dir);
    app = undefined;
    dir = undefined;
  });
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only there inside a test`);
    return value;
  };
  return {
    get app() {
      return required(app, 'app');
    },
    get dir() {
      return required(dir, 'dir');
    },
  };
}
