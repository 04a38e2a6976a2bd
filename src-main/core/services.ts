import type { JournalEntry } from '../../src-preload/contract';
import type { Db } from '../db/open';
import type { Journal, JournalInput } from '../journal/journal';
import type { Logger } from '../logging/logger';
import type { OperatorService } from '../users/operator';
import type { UsersRepository } from '../users/repository';
import type { SettingsStore } from '../settings/store';
import type { EventBus } from './events';

/** What every capability service is built from; composed once in `createApp`. */
export interface Services {
  dataDir: string;
  db: Db;
  now: () => Date;
  events: EventBus;
  logger: Logger;
  settings: SettingsStore;
  journal: Journal;
  users: UsersRepository;
  operator: OperatorService;
  /** Journal an action as the current operator. */
  record(input: JournalInput): JournalEntry;
}
