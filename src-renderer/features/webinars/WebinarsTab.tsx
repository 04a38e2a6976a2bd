import { Button, Group, Modal, SegmentedControl, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { bbbServersStore } from '../bbb/bbbStores';
import { FirstSteps } from './FirstSteps';
import { WebinarForm } from './WebinarForm';
import { WebinarList } from './WebinarList';
import { gatewaysStore, webinarsStore } from './webinarStores';
import { WeekView } from './WeekView';

/** The webinars as a list or a week, and the creation form. */
export function WebinarsTab({ onAddGateway }: { onAddGateway: () => void }) {
  const t = useT();
  const webinars = webinarsStore.use((s) => s.data);
  const gateways = gatewaysStore.use((s) => s.data);
  const servers = bbbServersStore.use((s) => s.data);
  const [view, setView] = useState<'list' | 'week'>('list');
  const [isCreating, setCreating] = useState(false);
  const isUsable = (gateways ?? []).some((g) => g.isEnabled && g.isComplete);
  const canCreate = (servers ?? []).length > 0 && isUsable;
  return (
    <Stack>
      <FirstSteps
        servers={servers}
        gateways={gateways}
        webinars={webinars}
        onAddGateway={onAddGateway}
        onCreate={() => setCreating(true)}
      />
      {webinars !== undefined && webinars.length > 0 && (
        <>
          <Group justify="space-between">
            <SegmentedControl
              value={view}
              onChange={(value) => setView(value === 'week' ? 'week' : 'list')}
              data={[
                { value: 'list', label: t('webinars.view.list') },
                { value: 'week', label: t('webinars.view.week') },
              ]}
            />
            <Button
              leftSection={<IconPlus size={16} />}
              disabled={!canCreate}
              onClick={() => setCreating(true)}
            >
              {t('webinars.create')}
            </Button>
          </Group>
          {view === 'list' ? <WebinarList webinars={webinars} /> : <WeekView webinars={webinars} />}
        </>
      )}
      <Modal
        opened={isCreating}
        onClose={() => setCreating(false)}
        title={t('webinars.create')}
        size="lg"
      >
        {isCreating && <WebinarForm onDone={() => setCreating(false)} />}
      </Modal>
    </Stack>
  );
}
