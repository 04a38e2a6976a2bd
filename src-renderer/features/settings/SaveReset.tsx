import { Button } from '@mantine/core';
import { useT } from '../../i18n/i18n';

/** A setting's Save (when edited) and Reset (when not at its default) buttons. */
export function SaveReset(props: {
  isDirty: boolean;
  isDefault: boolean;
  isBusy: boolean;
  onSave: () => void;
  onReset: () => void;
}) {
  const t = useT();
  return (
    <>
      {props.isDirty && (
        <Button size="xs" loading={props.isBusy} onClick={props.onSave}>
          {t('common.save')}
        </Button>
      )}
      {!props.isDefault && (
        <Button size="xs" variant="subtle" onClick={props.onReset}>
          {t('common.reset')}
        </Button>
      )}
    </>
  );
}
