import { Alert, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconEye, IconTrash, IconUserCheck } from '@tabler/icons-react';
import type { Recorder, RecorderFile } from '../../../src-preload/contract';
import { StatusBadge } from '../../components/StatusBadge';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';
import { FileHistory } from './FileHistory';
import { deletable, hasNotifyFailed, waiting } from './FileRow';
import { explainReason } from './reasonText';

/**
 * One file of the Inbox, opened by clicking its row: what is wrong in words (ffprobe's own text
 * apart), what the probe found, the file's story from the journal, and what can be done with it.
 */
export function FileDetail(props: {
  file: RecorderFile;
  recorder: Recorder | undefined;
  canPreview: boolean;
  onClaim: (file: RecorderFile) => void;
  onPreview: (file: RecorderFile) => void;
  onDelete: (file: RecorderFile) => void;
}) {
  const t = useT();
  const inner = props;
  const pick = useBilingual();
  const format = useFormat();
  const f = inner.file;
  const problem = f.reason ? explainReason(pick(f.reason)) : null;
  const media = f.media;
  const facts: [string, string][] = [
    [t('inbox.detail.path'), f.relPath],
    [
      t('inbox.recorder'),
      inner.recorder?.name ?? t(f.origin === 'bbb' ? 'inbox.bbbFolder' : 'inbox.noRecorder'),
    ],
    [t('inbox.column.size'), format.size(f.size)],
    [t('inbox.column.duration'), media ? format.duration(media.durationS) : '—'],
    [
      t('inbox.detail.video'),
      media?.videoCodec
        ? `${media.videoCodec}${media.width ? ` ${String(media.width)}×${String(media.height)}` : ''}`
        : t('inbox.detail.none'),
    ],
    [t('inbox.detail.audio'), media?.audioCodec ?? t('inbox.detail.none')],
    [t('inbox.detail.firstSeen'), format.dateTime(f.firstSeenAt)],
    [t('inbox.column.detected'), f.detectedAt ? format.dateTime(f.detectedAt) : '—'],
  ];
  return (
    <Stack data-testid="file-detail">
      <Group>
        <StatusBadge status={f.status} />
      </Group>
      {problem && f.status !== 'published' && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('inbox.detail.why')}>
          <Stack gap="xs">
            <Text size="sm" data-testid="file-reason">
              {problem.words}
            </Text>
            {problem.ffprobe && (
              <>
                <Text size="xs" c="dimmed">
                  {t('inbox.detail.ffprobeSaid')}
                </Text>
                <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {problem.ffprobe}
                </Code>
              </>
            )}
          </Stack>
        </Alert>
      )}
      {hasNotifyFailed(f) && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={t('inbox.notifyFailed')}
          data-testid="file-notify-failed"
        >
          {t('inbox.detail.notifyFailed', { detail: f.notifyDetail ?? '' })}
        </Alert>
      )}
      <Group>
        {inner.canPreview && (
          <Button
            variant="default"
            leftSection={<IconEye size={16} />}
            disabled={!waiting.has(f.status)}
            onClick={() => inner.onPreview(f)}
          >
            {t('inbox.preview')}
          </Button>
        )}
        <Button
          leftSection={<IconUserCheck size={16} />}
          disabled={!waiting.has(f.status)}
          onClick={() => inner.onClaim(f)}
        >
          {t('inbox.assignTitle')}
        </Button>
        <Button
          color="red"
          variant="light"
          leftSection={<IconTrash size={16} />}
          disabled={!deletable.has(f.status)}
          onClick={() => inner.onDelete(f)}
        >
          {t('common.delete')}
        </Button>
      </Group>
      <Title order={5}>{t('inbox.detail.facts')}</Title>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {facts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={160} fw={500} c="dimmed">
                {label}
              </Table.Th>
              <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={5}>{t('inbox.detail.history')}</Title>
      <FileHistory file={f} />
    </Stack>
  );
}
