import { Button, Group, Modal, Text } from '@mantine/core';
import { useT } from '../i18n/i18n';

/** A yes/no question before something that cannot be undone from the UI. */
export function ConfirmModal(props: {
  question: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      opened={props.question !== null}
      onClose={props.onClose}
      title={t('common.delete')}
      centered
    >
      <Text>{props.question}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={props.onConfirm}>
          {t('common.delete')}
        </Button>
      </Group>
    </Modal>
  );
}
