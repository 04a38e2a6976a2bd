import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconFolderQuestion } from '@tabler/icons-react';
import type { UnknownFolder } from '../../../src-preload/contract';
import { useT } from '../../i18n/i18n';

/** Folders that received files but belong to no recorder, each with its fix one click away. */
export function UnknownFoldersAlert(props: {
  folders: UnknownFolder[];
  canCreate: boolean;
  onCreate: (folder: string) => void;
}) {
  const t = useT();
  if (props.folders.length === 0) return null;
  return (
    <Alert
      color="orange"
      icon={<IconFolderQuestion />}
      title={t('inbox.unknownFolders')}
      data-testid="unknown-folders"
    >
      <Stack gap={6}>
        {props.folders.map((f) => (
          <Group key={`${f.origin}:${f.folder}`} justify="space-between">
            <Text size="sm" ff="monospace">
              {t('inbox.unknownFolder', {
                folder: f.folder === '' ? '/' : f.folder,
                count: String(f.fileCount),
              })}
            </Text>
            {f.folder !== '' && (
              <Button
                size="xs"
                variant="light"
                color="orange"
                disabled={!props.canCreate}
                onClick={() => props.onCreate(f.folder)}
              >
                {t('inbox.createRecorder')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
