import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  MigrationAction,
  MigrationItemState,
  MigrationItemView,
  MigrationRunView,
} from '../../../src-preload/contract';
import { call } from '../../client/client';

const pageSize = 100;
/** At most one re-read of the visible lines a second, however many lines a second change. */
const refreshMs = 1000;

/**
 * A run's lines (all, one state's or one action's), read a page at a time for the rows on screen only: a run
 * of 20,000 lines is never read whole. When the run changes (`migration.changed` gives a new
 * `run` object), the pages on screen are read again, throttled; the others are forgotten, since
 * lines move between states.
 */
export function usePagedItems(
  run: MigrationRunView,
  state: MigrationItemState | null,
  action: MigrationAction | null = null,
) {
  // Pages of another run, state or action (the key) are never shown: switching needs no reset.
  const key = `${String(run.id)}:${state ?? ''}:${action ?? ''}`;
  const [stored, setStored] = useState<{
    key: string;
    pages: ReadonlyMap<number, MigrationItemView[]>;
  }>({ key, pages: new Map() });
  const pages = stored.key === key ? stored.pages : new Map<number, MigrationItemView[]>();
  const setPages = useCallback(
    (update: (old: ReadonlyMap<number, MigrationItemView[]>) => Map<number, MigrationItemView[]>) =>
      setStored((old) => ({ key, pages: update(old.key === key ? old.pages : new Map()) })),
    [key],
  );
  const visible = useRef<[number, number]>([0, 0]);
  const generation = useRef(0);
  const asked = useRef(new Set<number>());
  const lastRead = useRef(0);
  const count =
    state !== null
      ? (run.byState[state] ?? 0)
      : action !== null
        ? (run.byAction[action] ?? 0)
        : run.total;

  const read = useCallback(
    (page: number) => {
      const mine = generation.current;
      asked.current.add(page);
      call('migration.items', {
        runId: run.id,
        ...(state === null ? {} : { state }),
        ...(action === null ? {} : { action }),
        offset: page * pageSize,
        limit: pageSize,
      }).then(
        (items) => {
          if (mine !== generation.current) return;
          setPages((old) => new Map(old).set(page, items));
        },
        // Read again when the rows are next on screen (a dropped connection).
        () => asked.current.delete(page),
      );
    },
    [run.id, state, action, setPages],
  );

  const onRange = useCallback(
    (start: number, end: number) => {
      visible.current = [start, end];
      for (let page = Math.floor(start / pageSize); page * pageSize < end; page++)
        if (!asked.current.has(page)) read(page);
    },
    [read],
  );

  // Another run, state or action: start over.
  useEffect(() => {
    generation.current++;
    asked.current = new Set();
    onRange(...visible.current);
  }, [run.id, state, action, onRange]);

  // The run changed: read the visible pages again, at most once a second.
  const runStamp = `${run.status}:${JSON.stringify(run.byState)}`;
  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    const wait = Math.max(0, lastRead.current + refreshMs - Date.now());
    const timer = setTimeout(() => {
      lastRead.current = Date.now();
      generation.current++;
      asked.current = new Set();
      const [start, end] = visible.current;
      const keep = new Set<number>();
      for (let page = Math.floor(start / pageSize); page * pageSize < end; page++) keep.add(page);
      // The visible pages stay shown until their new read arrives; the others are dropped.
      setPages((old) => new Map([...old].filter(([page]) => keep.has(page))));
      for (const page of keep) read(page);
    }, wait);
    return () => clearTimeout(timer);
  }, [runStamp, read, setPages]);

  const itemAt = (index: number): MigrationItemView | undefined =>
    pages.get(Math.floor(index / pageSize))?.[index % pageSize];
  return { count, itemAt, onRange };
}
