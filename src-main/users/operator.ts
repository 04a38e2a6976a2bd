import type { OperatorView, Permissions, User } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import type { SettingsStore } from '../settings/store';
import type { UsersRepository } from './repository';

export interface OperatorService {
  current(): OperatorView;
  /** The username journal entries are signed with. */
  actor(): string;
  require(permission: keyof Permissions): void;
  /** Persists the choice (setting REGIE_OPERATOR) and drops a `--as` override. */
  set(username: string | null): OperatorView;
}

const localAdmin = 'local-admin';

/**
 * Who the console acts as. Pod's admin pages are for superusers; so is managing recorders,
 * users and settings here. With nobody chosen the console is the local administrator, the
 * person who owns the data directory. This is a guard rail for shared workstations, not a
 * security boundary: the web host's token is.
 */
const view = (user: User | null, label: string, isAdmin: boolean): OperatorView => ({
  user,
  label,
  permissions: { manageRecorders: isAdmin, manageUsers: isAdmin, manageSettings: isAdmin },
});

export function createOperatorService(options: {
  users: UsersRepository;
  settings: SettingsStore;
  override: string | undefined;
}): OperatorService {
  const { users, settings } = options;
  let override = options.override;

  const resolve = (username: string): User => {
    const user = users.byUsername(username);
    if (!user) {
      throw new RegieError(
        'not_found',
        bi(
          `Operator "${username}" is not a known user`,
          `L'opérateur « ${username} » n'est pas un utilisateur connu`,
        ),
        { fieldErrors: { username: bi('unknown user', 'utilisateur inconnu') } },
      );
    }
    return user;
  };

  const current = (): OperatorView => {
    const username = override ?? settings.getString('REGIE_OPERATOR');
    if (username === '') return view(null, localAdmin, true);
    if (override !== undefined) {
      const user = resolve(username);
      return view(user, user.username, user.isSuperuser);
    }
    // A stored operator that no longer exists gets no rights, but can still pick someone else.
    const user = users.byUsername(username) ?? null;
    return view(user, username, user?.isSuperuser === true);
  };

  return {
    current,
    actor: () => current().label,
    require(permission) {
      const view = current();
      if (!view.permissions[permission]) {
        throw new RegieError(
          'forbidden',
          bi(
            `${view.label} may not do this: it needs a superuser (${permission})`,
            `${view.label} ne peut pas faire cela : il faut être super-utilisateur (${permission})`,
          ),
        );
      }
    },
    set(username) {
      if (username !== null && username !== '') resolve(username);
      settings.set('REGIE_OPERATOR', username ?? '');
      override = undefined;
      return current();
    },
  };
}
