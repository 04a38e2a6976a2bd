import type { User } from '../../../src-preload/contract';
import { requireOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, table, UsageError } from '../io';
import { group, leaf } from '../spec';

const optionNames: Record<string, string> = {
  username: 'USERNAME',
  firstName: '--first-name',
  lastName: '--last-name',
  email: '--email',
  affiliation: '--affiliation',
  groups: '--group',
};

export const userRows = (users: User[]) =>
  users.map((u) => ({
    username: u.username,
    name: `${u.firstName} ${u.lastName}`.trim(),
    email: u.email,
    staff: u.isStaff ? 'yes' : '',
    superuser: u.isSuperuser ? 'yes' : '',
    affiliation: u.affiliation,
    groups: u.groups.join(','),
  }));

const add = leaf({
  name: 'add',
  summary: 'add a user (Pod owners and recorder managers)',
  args: ['USERNAME'],
  options: {
    'first-name': { type: 'string', value: 'F', help: 'first name (required)' },
    'last-name': { type: 'string', value: 'L', help: 'last name (required)' },
    email: { type: 'string', value: 'E', help: 'email address' },
    staff: { type: 'boolean', help: 'staff: may manage a recorder' },
    superuser: { type: 'boolean', help: 'superuser: manages everything (implies --staff)' },
    affiliation: { type: 'string', value: 'A', help: 'affiliation (e.g. faculty)' },
    group: { type: 'string', multiple: true, value: 'G', help: 'a group (repeatable)' },
  },
  run: async ({ io, values, positionals }) => {
    const input = {
      username: positionals[0] ?? '',
      firstName: requireOption(values['first-name'], 'first-name'),
      lastName: requireOption(values['last-name'], 'last-name'),
      email: values.email ?? '',
      isStaff: values.staff === true,
      isSuperuser: values.superuser === true,
      affiliation: values.affiliation ?? '',
      groups: values.group ?? [],
    };
    await withApp(io, values, async (app) => {
      const user = await app.api.invoke('users.create', input).catch(namingOptions(optionNames));
      print(io, values, user, () => `Added user ${user.username} (id ${String(user.id)})\n`);
    });
  },
});

const list = leaf({
  name: 'list',
  summary: 'list the users',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const users = await app.api.invoke('users.list', {});
      print(io, values, users, () => table(userRows(users), 'No users.'));
    });
  },
});

const remove = leaf({
  name: 'remove',
  summary: 'remove a user who manages no recorder',
  args: ['USERNAME'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const users = await app.api.invoke('users.list', {});
      const user = users.find((u) => u.username === positionals[0]);
      if (!user) throw new UsageError(`USERNAME: no user "${positionals[0] ?? ''}"`);
      const removed = await app.api.invoke('users.remove', { id: user.id });
      print(io, values, removed, () => `Removed user ${user.username}\n`);
    });
  },
});

/** `regie user …`. */
export const userCommand = group('user', 'users: add, list, remove', [add, list, remove]);
