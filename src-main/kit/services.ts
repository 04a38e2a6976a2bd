import type { Db } from '../db/open';
import type { Journal, JournalRecorder } from '../journal/journal';
import type { Logger } from '../logging/logger';
import type { OperatorService } from '../users/operator';
import type { UsersRepository } from '../users/repository';
import type { SettingsStore } from '../settings/store';
import type { EventBus } from '../ground/events';

/**
 * The kit every capability service is built from (database, clock, events, logger, settings,
 * journal, users, operator); composed once in `app/createApp`. It sits above the ground floor
 * and the stores it holds, and below every capability.
 */
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
  /** Journal an action as the current operator, or as Régie itself with `by: 'system'`. */
  record: JournalRecorder;
}
