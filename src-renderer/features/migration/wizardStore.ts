import { create } from 'zustand';
import type {
  BbbMirrorReport,
  MigrationMode,
  MigrationOptions,
} from '../../../src-preload/contract';

/**
 * What the wizard's steps hold while the operator moves between them (and between panels): the
 * choices only; runs and their lines stay on the main side.
 */
export interface WizardState {
  step: number;
  serverId: number | null;
  from: string;
  to: string;
  /** null: any; '': only the recordings without `bbb-origin-server-name`. */
  originServer: string | null;
  states: string[];
  min: number | string;
  max: number | string;
  mode: MigrationMode;
  recorderId: number | null;
  admin: string | null;
  useMoodle: boolean;
  csvPath: string;
  /** The dry run reviewed at the plan step, then the real run. */
  dryRunId: number | null;
  runId: number | null;
  /** This session's last refresh of each server's list (the list itself is in the database). */
  refreshed: Record<number, { at: string; report: BbbMirrorReport }>;
}

const initial: WizardState = {
  step: 0,
  serverId: null,
  from: '',
  to: '',
  originServer: null,
  states: [],
  min: '',
  max: '',
  mode: 'import_video',
  recorderId: null,
  admin: null,
  useMoodle: false,
  csvPath: '',
  dryRunId: null,
  runId: null,
  refreshed: {},
};

export const useWizard = create<WizardState>(() => initial);

/** Changes a choice; a plan made with the old choices no longer describes them. */
export function choose(patch: Partial<WizardState>): void {
  useWizard.setState({ ...patch, dryRunId: null, runId: null });
}

/** Back to the first step, keeping the server and the refreshes. */
export function restartWizard(): void {
  useWizard.setState((s) => ({ ...initial, serverId: s.serverId, refreshed: s.refreshed }));
}

const positive = (value: number | string): number | undefined =>
  typeof value === 'number' && value > 0 ? value : undefined;

/** The wizard's choices as `migration.plan` takes them: only what the mode uses, no empty field. */
export function optionsOf(s: WizardState): MigrationOptions | null {
  if (s.serverId === null) return null;
  const o: MigrationOptions = { serverId: s.serverId, mode: s.mode };
  if (s.mode === 'manual_claim' && s.recorderId !== null) o.recorderId = s.recorderId;
  if (s.mode === 'import_video' && s.admin) o.admin = s.admin;
  if (s.mode === 'export_csv' && s.csvPath.trim()) o.csvPath = s.csvPath.trim();
  if (s.mode !== 'manual_claim' && s.useMoodle) o.useMoodle = true;
  const min = positive(s.min);
  const max = positive(s.max);
  if (min !== undefined) o.min = min;
  if (max !== undefined) o.max = max;
  if (s.from) o.from = s.from;
  if (s.to) o.to = s.to;
  if (s.originServer !== null) o.originServer = s.originServer;
  if (s.states.length > 0) o.states = s.states;
  return o;
}
