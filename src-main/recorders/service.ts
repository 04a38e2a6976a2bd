import type { Recorder, RecorderInput, RecorderView } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import type { Services } from '../kit/services';
import { definedOnly } from '../users/service';
import type { RecordersRepository } from './repository';
import { ensureDropFolder } from './dropFolder';
import { validateRecorder } from './validate';

export interface RecordersService {
  list(): RecorderView[];
  create(input: RecorderInput): RecorderView;
  update(id: number, patch: Partial<RecorderInput>): RecorderView;
  remove(id: number): { id: number };
  byDirectory(directory: string): Recorder | undefined;
}

export function createRecordersService(s: Services, repo: RecordersRepository): RecordersService {
  /** Each read checks the folder and creates it when missing (an older recorder, a new root). */
  const view = (r: Recorder): RecorderView => ({ ...r, ...ensureDropFolder(s, r.directory) });
  const changed = (recorder: Recorder): RecorderView => {
    const shown = view(recorder);
    s.events.emit('recorders.changed', { items: [shown] });
    return shown;
  };
  const find = (id: number): Recorder => {
    const recorder = repo.byId(id);
    if (!recorder) {
      throw new RegieError(
        'not_found',
        bi(`No recorder with id ${String(id)}`, `Aucun enregistreur d'id ${String(id)}`),
      );
    }
    return recorder;
  };
  const checks = (exceptId: number) => ({
    users: s.users,
    conflicts: (fields: Parameters<RecordersRepository['findConflicts']>[0]) =>
      repo.findConflicts(fields, exceptId),
  });
  /** Back to the input shape (usernames), so a patch is validated exactly like a creation. */
  const asInput = (r: Recorder): Required<RecorderInput> => ({
    name: r.name,
    description: r.description,
    addressIp: r.addressIp,
    salt: r.salt,
    manager: r.managerId === null ? null : (s.users.byId(r.managerId)?.username ?? null),
    additionalUsers: r.additionalUserIds.flatMap((id) => s.users.byId(id)?.username ?? []),
    videoTypeId: r.videoTypeId,
    recordingType: r.recordingType,
    directory: r.directory,
  });

  return {
    list: () => repo.list().map(view),
    byDirectory: (directory) => repo.list().find((r) => r.directory === directory),
    create(input) {
      s.operator.require('manageRecorders');
      const defaults: Required<RecorderInput> = {
        name: input.name,
        description: '',
        addressIp: null,
        salt: '',
        manager: null,
        additionalUsers: [],
        videoTypeId: s.settings.get('DEFAULT_RECORDER_TYPE_ID'),
        recordingType: 'video',
        directory: input.directory,
      };
      const fields = validateRecorder({ ...defaults, ...definedOnly(input) }, checks(0));
      const recorder = repo.insert(fields, s.now().toISOString());
      s.record({
        kind: 'recorders.created',
        subject: `recorder:${String(recorder.id)}`,
        text: bi(
          `Recorder ${recorder.name} added (folder ${recorder.directory})`,
          `Enregistreur ${recorder.name} ajouté (dossier ${recorder.directory})`,
        ),
      });
      return changed(recorder);
    },
    update(id, patch) {
      s.operator.require('manageRecorders');
      const fields = validateRecorder({ ...asInput(find(id)), ...definedOnly(patch) }, checks(id));
      const recorder = repo.update(id, fields, s.now().toISOString());
      s.record({
        kind: 'recorders.updated',
        subject: `recorder:${String(id)}`,
        text: bi(`Recorder ${recorder.name} updated`, `Enregistreur ${recorder.name} modifié`),
      });
      return changed(recorder);
    },
    remove(id) {
      s.operator.require('manageRecorders');
      const recorder = find(id);
      repo.remove(id);
      s.record({
        kind: 'recorders.removed',
        subject: `recorder:${String(id)}`,
        text: bi(
          `Recorder ${recorder.name} removed; files in ${recorder.directory} are left where they are`,
          `Enregistreur ${recorder.name} supprimé ; les fichiers de ${recorder.directory} restent en place`,
        ),
      });
      s.events.emit('recorders.changed', { items: [], removedIds: [id] });
      return { id };
    },
  };
}
