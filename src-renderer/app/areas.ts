import {
  IconBroadcast,
  IconDatabaseExport,
  IconDeviceTv,
  IconFileCheck,
  IconInbox,
  IconListDetails,
  IconMovie,
  IconPresentation,
  IconSettings,
  IconUsers,
  IconVideo,
  IconVideoPlus,
  type Icon,
} from '@tabler/icons-react';
import type { MessageKey } from '../i18n/en';

export type AreaId =
  | 'inbox'
  | 'recordings'
  | 'encodings'
  | 'library'
  | 'bbb'
  | 'migration'
  | 'webinars'
  | 'live'
  | 'recorders'
  | 'users'
  | 'settings'
  | 'journal';

export interface Area {
  id: AreaId;
  label: MessageKey;
  icon: Icon;
  section: 'daily' | 'bbb' | 'admin';
  /** What the area will do, shown while it is not built. */
  soon?: MessageKey;
}

/** Every area of the product, in navigation order (issue #2: areas not built yet say so). */
export const areas: readonly Area[] = [
  { id: 'inbox', label: 'nav.inbox', icon: IconInbox, section: 'daily' },
  { id: 'recordings', label: 'nav.recordings', icon: IconFileCheck, section: 'daily' },
  { id: 'encodings', label: 'nav.encodings', icon: IconMovie, section: 'daily' },
  { id: 'library', label: 'nav.library', icon: IconVideo, section: 'daily' },
  { id: 'bbb', label: 'nav.bbb', icon: IconPresentation, section: 'bbb' },
  { id: 'migration', label: 'nav.migration', icon: IconDatabaseExport, section: 'bbb' },
  { id: 'webinars', label: 'nav.webinars', icon: IconBroadcast, section: 'bbb' },
  { id: 'live', label: 'nav.live', icon: IconDeviceTv, section: 'bbb', soon: 'soon.live' },
  { id: 'recorders', label: 'nav.recorders', icon: IconVideoPlus, section: 'admin' },
  { id: 'users', label: 'nav.users', icon: IconUsers, section: 'admin' },
  { id: 'settings', label: 'nav.settings', icon: IconSettings, section: 'admin' },
  { id: 'journal', label: 'nav.journal', icon: IconListDetails, section: 'admin' },
];

export const isAreaId = (value: string): value is AreaId => areas.some((a) => a.id === value);
