import { ActionIcon, Tooltip } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

/** An icon button in a table row, named for screen readers and tests ("Modifier Amphi A"). */
export function RowAction(props: {
  label: string;
  subject: string;
  icon: Icon;
  onClick: () => void;
  isDisabled?: boolean;
  color?: string;
  /** In long virtualized lists a native title is far lighter than a Tooltip per button. */
  isLight?: boolean;
}) {
  const button = (
    <ActionIcon
      variant="subtle"
      color={props.color}
      aria-label={`${props.label} ${props.subject}`}
      title={props.isLight ? props.label : undefined}
      disabled={props.isDisabled}
      onClick={props.onClick}
    >
      <props.icon size={16} />
    </ActionIcon>
  );
  if (props.isLight) return button;
  return <Tooltip label={props.label}>{button}</Tooltip>;
}
