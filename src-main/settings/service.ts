import type {
  OperatorView,
  Permissions,
  PodImportReport,
  SettingView,
} from '../../src-preload/contract';
import { bi } from '../ground/errors';
import { counted } from '../ground/wording';
import type { Db } from '../db/open';
import type { EventBus } from '../ground/events';
import type { JournalRecorder } from '../journal/journal';
import { planPodImport } from './podImport';
import type { SettingsStore } from './store';

/** What the settings service is built from; the operator is described by what is used of it,
 *  since `users/` reads the settings and so sits above this folder. */
export interface SettingsServiceDeps {
  db: Db;
  events: EventBus;
  settings: SettingsStore;
  operator: {
    set(username: string | null): OperatorView;
    require(permission: keyof Permissions): void;
  };
  record: JournalRecorder;
}

export interface SettingsService {
  chooseOperator(username: string | null): OperatorView;
  set(key: string, value: unknown): SettingView;
  reset(key: string): SettingView;
  importPod(source: string, dryRun: boolean): PodImportReport;
}

export function createSettingsService(s: SettingsServiceDeps): SettingsService {
  const changed = (setting: SettingView) => s.events.emit('settings.changed', { items: [setting] });
  const shown = (view: SettingView) => (view.isSecret ? '(secret)' : JSON.stringify(view.value));
  /** Choosing who the console acts as is open to anyone (see users/operator.ts). */
  const chooseOperator = (username: string | null): OperatorView => {
    const operator = s.operator.set(username);
    s.events.emit('operator.changed', operator);
    changed(s.settings.view('REGIE_OPERATOR'));
    s.record({
      kind: 'operator.changed',
      text: bi(
        `Console now acts as ${operator.label}`,
        `La console agit désormais en tant que ${operator.label}`,
      ),
    });
    return operator;
  };
  return {
    chooseOperator,
    set(key, value) {
      if (key === 'REGIE_OPERATOR') {
        chooseOperator(typeof value === 'string' ? value : null);
        return s.settings.view(key);
      }
      s.operator.require('manageSettings');
      const view = s.settings.set(key, value);
      s.record({
        kind: 'settings.changed',
        subject: `setting:${view.key}`,
        text: bi(`Setting ${view.key} = ${shown(view)}`, `Paramètre ${view.key} = ${shown(view)}`),
      });
      changed(view);
      return view;
    },
    reset(key) {
      s.operator.require('manageSettings');
      const view = s.settings.reset(key);
      s.record({
        kind: 'settings.changed',
        subject: `setting:${view.key}`,
        text: bi(
          `Setting ${view.key} back to its default`,
          `Paramètre ${view.key} remis à sa valeur par défaut`,
        ),
      });
      changed(view);
      return view;
    },
    importPod(source, dryRun) {
      const plan = planPodImport(source);
      if (!dryRun) {
        s.operator.require('manageSettings');
        const views = s.db.transaction(() =>
          [...plan.values].map(([key, value]) => s.settings.set(key, value)),
        )();
        const imported = counted(views.length, {
          en: ['setting', 'settings'],
          fr: ['paramètre importé', 'paramètres importés'],
        });
        const ignored = counted(plan.ignored.length, {
          en: ['ignored', 'ignored'],
          fr: ['ignoré', 'ignorés'],
        });
        s.record({
          kind: 'settings.imported',
          text: bi(
            `Imported ${imported.en} from a Pod settings file; ${ignored.en}`,
            `${imported.fr} d'un fichier de paramètres Pod ; ${ignored.fr}`,
          ),
        });
        views.forEach(changed);
      }
      return { dryRun, imported: plan.imported, ignored: plan.ignored };
    },
  };
}
