import { create } from 'zustand';
import { isAreaId, type AreaId } from './areas';

/** `#/inbox/12` → area `inbox`, item `12` (the link mailed to a manager opens that file). */
const fromHash = (): { area: AreaId; item: string | null } => {
  const [id = '', item] = location.hash.replace(/^#\/?/, '').split('/');
  return isAreaId(id) ? { area: id, item: item ?? null } : { area: 'inbox', item: null };
};

/** The current area, kept in the URL hash so a reload (or a link) lands in the same place. */
export const useArea = create<{
  area: AreaId;
  item: string | null;
  go: (area: AreaId, item?: string) => void;
}>((set) => {
  window.addEventListener('hashchange', () => set(fromHash()));
  return {
    ...fromHash(),
    go: (area, item) => {
      location.hash = item === undefined ? `/${area}` : `/${area}/${item}`;
      set({ area, item: item ?? null });
    },
  };
});
