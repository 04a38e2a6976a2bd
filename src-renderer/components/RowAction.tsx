import { ActionIcon, Tooltip } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

/** An icon button in a table row, named for screen readers and tests ("Modifier Amphi A"). */
export function RowAction(props: {
  label: string;
  subject: string;
  icon: Icon;
  onClick: () => void;
  isDisabled?: boolean;
  /** Why it is disabled, shown on hover instead of the label. */
  disabledReason?: string;
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
      // A disabled button gets no hover: the tooltip saying why needs the events.
      style={props.isDisabled && props.disabledReason ? { pointerEvents: 'auto' } : undefined}
    >
      <props.icon size={16} />
    </ActionIcon>
  );
  if (props.isLight) return button;
  const reason = props.isDisabled ? props.disabledReason : undefined;
  return (
    <Tooltip label={reason ?? props.label} multiline={reason !== undefined} maw={300}>
      {button}
    </Tooltip>
  );
}
