import { Button, Group, Modal, Text } from '@mantine/core';
import { useT } from '../i18n/i18n';

/**
 * A yes/no question before something that cannot be undone from the UI. A deletion by default;
 * `title` and `confirmLabel` name another act ("Terminer le webinaire").
 */
export function ConfirmModal(props: {
  question: string | null;
  onConfirm: () => void;
  onClose: () => void;
  title?: string;
  confirmLabel?: string;
}) {
  const t = useT();
  return (
    <Modal
      opened={props.question !== null}
      onClose={props.onClose}
      title={props.title ?? t('common.delete')}
      centered
    >
      <Text>{props.question}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={props.onConfirm}>
          {props.confirmLabel ?? t('common.delete')}
        </Button>
      </Group>
    </Modal>
  );
}
