import { bi, RegieError, validationError } from '../../ground/errors';
import type { Services } from '../../kit/services';
import type { SecretCipher } from '../../secrets/cipher';
import type { OperatorService } from '../../users/operator';
import { openMoodle, type MoodleClient, type OpenMoodleOptions } from './client';
import { createMoodleConnectionsRepository, type StoredMoodleConnection } from './repository';
import { connectionFor } from './route';
import type { MoodleConnectionView, MoodleTestResult } from './types';
import { checkMoodleFields, type MoodleConnectionInput } from './validate';

export interface MoodleConnectionAdd extends MoodleConnectionInput {
  /** '' or absent: a database user without a password. */
  password?: string | undefined;
}

/** Absent fields keep their value; an absent or empty password keeps the stored one. */
export type MoodleConnectionPatch = Partial<MoodleConnectionAdd> & {
  /** Removes the stored password (a user without one), which an empty `password` cannot say. */
  clearPassword?: boolean | undefined;
};

/** What the service needs of the kit: the whole `Services` fits, and so does a test's stub. */
export type MoodleServices = Pick<Services, 'db' | 'now' | 'record'> & {
  operator: Pick<OperatorService, 'require'>;
};

/**
 * The Moodle databases of the migration wizard (issue #12 §4, Pod's DB_PARAMS): one connection
 * per `bbb-origin-server-name` plus `default`, the password sealed like every secret and never
 * shown, a test that proves the login and the three tables.
 */
export function createMoodleConnectionsService(options: {
  s: MoodleServices;
  cipher: SecretCipher;
  /** For tests: shorter timeouts. */
  clientOptions?: OpenMoodleOptions;
}) {
  const { s, cipher } = options;
  const repo = createMoodleConnectionsRepository(s.db);
  const view = (c: StoredMoodleConnection): MoodleConnectionView => {
    const { passwordSealed: _password, ...rest } = c;
    return rest;
  };
  const requireConnection = (id: number): StoredMoodleConnection => {
    const found = repo.byId(id);
    if (!found)
      throw new RegieError(
        'not_found',
        bi(
          `No Moodle connection with id ${String(id)}`,
          `Aucune connexion Moodle d'id ${String(id)}`,
        ),
      );
    return found;
  };
  const summary = (c: { name: string; kind: string; host: string; port: number }) =>
    `${c.name} (${c.kind} ${c.host}:${String(c.port)})`;

  /** Opens the connection's database with its stored password; the caller closes it. */
  const open = (id: number): Promise<MoodleClient> => {
    const c = requireConnection(id);
    const password = c.passwordSealed === '' ? '' : cipher.open(c.passwordSealed);
    return openMoodle(c, password, options.clientOptions);
  };

  return {
    repo,
    list: () => repo.list().map(view),
    get: (id: number) => view(requireConnection(id)),
    open,
    /** The connection a recording's moderators are looked up in, or why none (route.ts). */
    choose: (originServerName: string | null | undefined, ignored: readonly string[]) =>
      connectionFor(originServerName, repo.list().map(view), ignored),

    add(input: MoodleConnectionAdd): MoodleConnectionView {
      s.operator.require('manageSettings');
      const { fields, errors } = checkMoodleFields(input, {
        isNameTaken: (n) => repo.byName(n) !== undefined,
      });
      if (Object.keys(errors).length > 0) throw validationError(errors);
      const password = input.password ?? '';
      const stored = repo.insert(
        { ...fields, passwordSealed: password === '' ? '' : cipher.seal(password) },
        s.now().toISOString(),
      );
      s.record({
        kind: 'migration.moodleAdded',
        subject: `moodle-connection:${String(stored.id)}`,
        text: bi(
          `Moodle connection ${summary(fields)} added${fields.canWriteNotice ? ', notice writing on' : ', read-only'}`,
          `Connexion Moodle ${summary(fields)} ajoutée${fields.canWriteNotice ? ', écriture de l’avis activée' : ', en lecture seule'}`,
        ),
      });
      return view(stored);
    },

    update(id: number, patch: MoodleConnectionPatch): MoodleConnectionView {
      s.operator.require('manageSettings');
      const current = requireConnection(id);
      const { fields, errors } = checkMoodleFields(
        {
          name: patch.name ?? current.name,
          kind: patch.kind ?? current.kind,
          host: patch.host ?? current.host,
          port: patch.port ?? current.port,
          databaseName: patch.databaseName ?? current.databaseName,
          username: patch.username ?? current.username,
          tablePrefix: patch.tablePrefix ?? current.tablePrefix,
          schemaName: patch.schemaName ?? current.schemaName,
          canWriteNotice: patch.canWriteNotice ?? current.canWriteNotice,
        },
        { isNameTaken: (n) => (repo.byName(n)?.id ?? id) !== id },
      );
      if (Object.keys(errors).length > 0) throw validationError(errors);
      const password = patch.password ?? '';
      const passwordSealed =
        patch.clearPassword === true
          ? ''
          : password === ''
            ? current.passwordSealed
            : cipher.seal(password);
      repo.update(id, { ...fields, passwordSealed }, s.now().toISOString());
      const changedPassword = passwordSealed !== current.passwordSealed;
      s.record({
        kind: 'migration.moodleUpdated',
        subject: `moodle-connection:${String(id)}`,
        text: bi(
          `Moodle connection ${summary(fields)} saved${changedPassword ? ', new password' : ''}${fields.canWriteNotice ? ', notice writing on' : ', read-only'}`,
          `Connexion Moodle ${summary(fields)} enregistrée${changedPassword ? ', nouveau mot de passe' : ''}${fields.canWriteNotice ? ', écriture de l’avis activée' : ', en lecture seule'}`,
        ),
      });
      return view(requireConnection(id));
    },

    remove(id: number): { id: number } {
      s.operator.require('manageSettings');
      const c = requireConnection(id);
      repo.remove(id);
      s.record({
        kind: 'migration.moodleRemoved',
        subject: `moodle-connection:${String(id)}`,
        text: bi(
          `Moodle connection ${summary(c)} removed`,
          `Connexion Moodle ${summary(c)} supprimée`,
        ),
      });
      return { id };
    },

    /** Login, version and the three tables; a failure is the result's `error`, not a throw. */
    async test(id: number): Promise<MoodleTestResult> {
      let client: MoodleClient | undefined;
      try {
        client = await open(id);
        return await client.test();
      } catch (error) {
        if (!(error instanceof RegieError) || error.code === 'not_found') throw error;
        return { ok: false, serverVersion: null, tables: [], error: error.text };
      } finally {
        await client?.close();
      }
    },
  };
}

export type MoodleConnectionsService = ReturnType<typeof createMoodleConnectionsService>;
