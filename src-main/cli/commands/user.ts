import type { User } from '../../../src-preload/contract';
import { parseCommand, requireOption } from '../commandLine';
import { print, withApp, type CommandContext } from '../context';
import { namingOptions, table, UsageError } from '../io';

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

export async function userCommand(verb: string | undefined, ctx: CommandContext): Promise<void> {
  switch (verb) {
    case 'add': {
      const { values, positionals } = parseCommand(
        ctx.args,
        {
          'first-name': { type: 'string' },
          'last-name': { type: 'string' },
          email: { type: 'string' },
          staff: { type: 'boolean' },
          superuser: { type: 'boolean' },
          affiliation: { type: 'string' },
          group: { type: 'string', multiple: true },
        },
        ['USERNAME'],
      );
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
      await withApp(ctx.io, values, async (app) => {
        const user = await app.api.invoke('users.create', input).catch(namingOptions(optionNames));
        print(ctx.io, values, user, () => `Added user ${user.username} (id ${String(user.id)})\n`);
      });
      return;
    }
    case 'list': {
      const { values } = parseCommand(ctx.args, {}, []);
      await withApp(ctx.io, values, async (app) => {
        const users = await app.api.invoke('users.list', {});
        print(ctx.io, values, users, () => table(userRows(users), 'No users.'));
      });
      return;
    }
    case 'remove': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['USERNAME']);
      await withApp(ctx.io, values, async (app) => {
        const users = await app.api.invoke('users.list', {});
        const user = users.find((u) => u.username === positionals[0]);
        if (!user) throw new UsageError(`USERNAME: no user "${positionals[0] ?? ''}"`);
        const removed = await app.api.invoke('users.remove', { id: user.id });
        print(ctx.io, values, removed, () => `Removed user ${user.username}\n`);
      });
      return;
    }
    default:
      throw new UsageError(`user: expected add, list or remove${verb ? `, not "${verb}"` : ''}`);
  }
}
