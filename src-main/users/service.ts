import type { User } from '../../src-preload/contract';
import type { UserInput } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import { wordsFor } from '../ground/wording';
import type { EventBus } from '../ground/events';
import type { JournalRecorder } from '../journal/journal';
import type { SettingsStore } from '../settings/store';
import type { OperatorService } from './operator';
import type { UsersRepository } from './repository';
import { validateUser } from './validate';

/** What the users service is built from: a slice of the app's kit, named here so `users/` does
 *  not depend on the kit that is built from it. */
export interface UsersServiceDeps {
  now: () => Date;
  events: EventBus;
  settings: SettingsStore;
  users: UsersRepository;
  operator: OperatorService;
  record: JournalRecorder;
}

export interface UsersService {
  list(): User[];
  create(input: UserInput): User;
  update(id: number, patch: Partial<UserInput>): User;
  remove(id: number): { id: number };
}

export function createUsersService(s: UsersServiceDeps): UsersService {
  const { users } = s;
  const changed = (user: User) => s.events.emit('users.changed', { items: [user] });
  const find = (id: number): User => {
    const user = users.byId(id);
    if (!user)
      throw new RegieError(
        'not_found',
        bi(`No user with id ${String(id)}`, `Aucun utilisateur d'id ${String(id)}`),
      );
    return user;
  };

  return {
    list: () => users.list(),
    create(input) {
      s.operator.require('manageUsers');
      const fields = validateUser(
        {
          username: input.username,
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email ?? '',
          isStaff: input.isStaff ?? false,
          isSuperuser: input.isSuperuser ?? false,
          affiliation: input.affiliation ?? '',
          groups: input.groups ?? [],
        },
        (name) => users.byUsername(name) !== undefined,
      );
      const user = users.insert(fields, s.now().toISOString());
      s.record({
        kind: 'users.created',
        subject: `user:${String(user.id)}`,
        text: bi(`User ${user.username} added`, `Utilisateur ${user.username} ajouté`),
      });
      changed(user);
      return user;
    },
    update(id, patch) {
      s.operator.require('manageUsers');
      const current = find(id);
      refuseMirrored(current, 'edit');
      const { id: _id, origin: _origin, inPod: _inPod, ...base } = current;
      const fields = validateUser(
        { ...base, ...definedOnly(patch) },
        (name) => users.byUsername(name)?.id !== undefined && users.byUsername(name)?.id !== id,
      );
      const user = users.update(id, fields, s.now().toISOString());
      // Keep the console acting as the same person when that person is renamed.
      if (
        s.settings.getString('REGIE_OPERATOR') === current.username &&
        user.username !== current.username
      ) {
        s.settings.set('REGIE_OPERATOR', user.username);
      }
      s.record({
        kind: 'users.updated',
        subject: `user:${String(id)}`,
        text: bi(`User ${user.username} updated`, `Utilisateur ${user.username} modifié`),
      });
      changed(user);
      return user;
    },
    remove(id) {
      s.operator.require('manageUsers');
      const user = find(id);
      refuseMirrored(user, 'remove');
      if (s.operator.current().user?.id === id) {
        throw new RegieError(
          'conflict',
          bi(
            `${user.username} is the console's operator; choose another operator first`,
            `${user.username} est l'opérateur de la console ; choisissez d'abord un autre opérateur`,
          ),
        );
      }
      const managed = users.managedRecorderNames(id);
      if (managed.length > 0) {
        const list = managed.join(', ');
        const recorders = wordsFor(managed.length, {
          en: ['recorder', 'recorders'],
          fr: ["l'enregistreur", 'les enregistreurs'],
        });
        throw new RegieError(
          'conflict',
          bi(
            `${user.username} manages ${recorders.en} ${list}; choose another manager first`,
            `${user.username} gère ${recorders.fr} ${list} ; choisissez d'abord un autre gestionnaire`,
          ),
        );
      }
      users.remove(id);
      s.record({
        kind: 'users.removed',
        subject: `user:${String(id)}`,
        text: bi(`User ${user.username} removed`, `Utilisateur ${user.username} supprimé`),
      });
      s.events.emit('users.changed', { items: [], removedIds: [id] });
      return { id };
    },
  };
}

/** Pod is the truth for the users it mirrors (issue #11 §2): they are edited in Pod. */
function refuseMirrored(user: User, what: 'edit' | 'remove'): void {
  if (user.origin !== 'pod') return;
  throw new RegieError(
    'conflict',
    bi(
      `${user.username} comes from Pod, which is the truth for its users: ${what} it in Pod's administration; the next mirror brings the change here.`,
      `${user.username} vient de Pod, qui fait foi pour ses utilisateurs : ${what === 'edit' ? 'modifiez' : 'supprimez'}-le dans l'administration de Pod ; le prochain miroir reportera le changement ici.`,
    ),
  );
}

/** A patch leaves absent fields as they are; `undefined` never overwrites. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
