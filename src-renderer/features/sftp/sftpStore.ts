import { createLiveStore } from '../../client/liveStore';

export const sftpStore = createLiveStore({
  load: 'sftp.list',
  event: 'sftp.changed',
  apply: (_, { sources }) => sources,
});
