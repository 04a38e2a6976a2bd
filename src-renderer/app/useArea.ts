import { create } from 'zustand';
import { isAreaId, type AreaId } from './areas';

const fromHash = (): AreaId => {
  const id = location.hash.replace(/^#\/?/, '');
  return isAreaId(id) ? id : 'recorders';
};

/** The current area, kept in the URL hash so a reload (or a link) lands in the same place. */
export const useArea = create<{ area: AreaId; go: (area: AreaId) => void }>((set) => {
  window.addEventListener('hashchange', () => set({ area: fromHash() }));
  return {
    area: fromHash(),
    go: (area) => {
      location.hash = `/${area}`;
      set({ area });
    },
  };
});
