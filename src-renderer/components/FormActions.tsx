import { Button, Group } from '@mantine/core';
import { useT } from '../i18n/i18n';

/** Cancel and Save at the foot of a form; Save submits it. */
export function FormActions(props: { isBusy: boolean; onCancel: () => void }) {
  const t = useT();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={props.isBusy}>
        {t('common.save')}
      </Button>
    </Group>
  );
}
