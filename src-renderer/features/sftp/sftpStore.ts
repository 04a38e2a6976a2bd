import { byId, createListStore, inOrderOf } from '../../client/stores';

export const sftpStore = createListStore({
  load: 'sftp.list',
  events: ['sftp.changed'],
  keyOf: byId,
  order: inOrderOf((s) => s.name),
});
