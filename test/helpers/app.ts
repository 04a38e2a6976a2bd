import type { EventName, Events, User, UserInput } from '../../src-preload/contract';
import type { RegieApp } from '../../src-main/app/app';

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
