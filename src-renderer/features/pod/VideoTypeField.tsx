import { NumberInput, Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { usePodCatalog } from './podStore';

/**
 * A video type: Pod's types as mirrored ("3 — Cours") once a mirror has found some, else the id
 * as a number (no Pod, or not mirrored yet). Takes a form's input props for a numeric field.
 */
export function VideoTypeField(props: {
  label: string;
  value?: number | string;
  onChange: (value: number | string) => void;
  error?: ReactNode;
}) {
  const t = useT();
  const types = usePodCatalog()?.types ?? [];
  if (types.length === 0)
    return (
      <NumberInput
        label={props.label}
        min={1}
        value={props.value}
        onChange={props.onChange}
        error={props.error}
      />
    );
  const current = String(props.value ?? '');
  const data = types.map((type) => ({
    value: String(type.id),
    label: `${String(type.id)} — ${type.title}`,
  }));
  // A type Pod no longer has (or the default 1 on a Pod without it) stays visible, not dropped.
  if (current !== '' && !data.some((d) => d.value === current))
    data.unshift({ value: current, label: t('pod.type.unknown', { id: current }) });
  return (
    <Select
      label={props.label}
      data={data}
      searchable
      allowDeselect={false}
      value={current === '' ? null : current}
      onChange={(value) => props.onChange(value === null ? '' : Number(value))}
      error={props.error}
    />
  );
}
