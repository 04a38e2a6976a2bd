import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { RecorderView } from '../../../src-preload/contract';
import { useBilingual, useT } from '../../i18n/i18n';

/**
 * Where a recorder drops its files: the absolute path to give the recorder (or its FTP/SFTP
 * account), with a copy button; or, when Régie could not create the folder, why in words.
 */
export function DropPath(props: { recorder: RecorderView }) {
  const t = useT();
  const pick = useBilingual();
  const { recorder } = props;
  return (
    <div>
      <Group gap={4} wrap="nowrap">
        <Text ff="monospace" size="sm" data-testid={`drop-path-${recorder.directory}`}>
          {recorder.dropPath}
        </Text>
        <CopyButton value={recorder.dropPath}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('recorders.pathCopied') : t('recorders.copyPath')}>
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                aria-label={t('recorders.copyPathOf', { name: recorder.name })}
                onClick={copy}
              >
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      {recorder.folderProblem && (
        <Group gap={4} wrap="nowrap" c="red" data-testid={`drop-problem-${recorder.directory}`}>
          <IconAlertTriangle size={14} />
          <Text size="xs" c="red">
            {pick(recorder.folderProblem)}
          </Text>
        </Group>
      )}
    </div>
  );
}
