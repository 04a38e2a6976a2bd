import {
  Group,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { SettingView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';
import { SaveReset } from './SaveReset';
import { SettingLabel } from './SettingLabel';
import { fromText, toText } from './settingText';

/** One setting: its Pod name, what it does, an input of its type, save and reset. */
export function SettingField({ setting, canEdit }: { setting: SettingView; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const pick = useBilingual();
  const [draft, setDraft] = useState(toText(setting));
  const [error, setError] = useState<string | undefined>();
  const { run, isBusy } = useSubmit((errors) => setError(errors.value ?? Object.values(errors)[0]));
  const saved = () => {
    setError(undefined);
    notifications.show({
      color: 'green',
      message: format.labelled(setting.key, t('common.saved')),
    });
  };
  const save = (value: unknown) =>
    void run(() => call('settings.set', { key: setting.key, value }), saved);
  const reset = () =>
    void run(
      () => call('settings.reset', { key: setting.key }),
      (view) => {
        setDraft(toText(view));
        saved();
      },
    );
  const isDirty = draft !== toText(setting) || (setting.isSecret && draft !== '');
  const label = <SettingLabel setting={setting} />;
  const common = {
    label,
    description: pick(setting.help),
    error,
    disabled: !canEdit,
    'aria-label': setting.key,
  };

  let input;
  if (setting.type === 'boolean') {
    input = (
      <Switch
        {...common}
        checked={setting.value === true}
        onChange={(event) => save(event.currentTarget.checked)}
      />
    );
  } else if (setting.type === 'integer' || setting.type === 'integerOrNull') {
    input = (
      <NumberInput
        {...common}
        value={draft}
        onChange={(v) => setDraft(String(v))}
        allowDecimal={false}
      />
    );
  } else if (setting.type === 'people') {
    input = (
      <Textarea
        {...common}
        description={`${pick(setting.help)} ${t('settings.people.help')}`}
        autosize
        minRows={2}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
      />
    );
  } else if (setting.choices) {
    input = (
      <Select
        {...common}
        data={setting.choices}
        value={typeof setting.value === 'string' ? setting.value : null}
        allowDeselect={false}
        onChange={(value) => value !== null && save(value)}
      />
    );
  } else if (setting.isSecret) {
    input = (
      <PasswordInput
        {...common}
        description={`${pick(setting.help)} ${t(setting.hasValue ? 'settings.secretSet' : 'settings.secretUnset')}`}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
      />
    );
  } else {
    input = (
      <TextInput {...common} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
    );
  }

  return (
    <Stack gap={4}>
      {input}
      {canEdit &&
        setting.type !== 'boolean' &&
        !setting.choices &&
        (isDirty || !setting.isDefault) && (
          <Group gap="xs">
            <SaveReset
              isDirty={isDirty}
              isDefault={setting.isDefault}
              isBusy={isBusy}
              onSave={() => save(fromText(setting, draft))}
              onReset={reset}
            />
          </Group>
        )}
    </Stack>
  );
}
