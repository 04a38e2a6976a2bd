import { Anchor, Badge, Group, Image, Table, Text } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { useState } from 'react';
import type { BbbRecordingView } from '../../../src-preload/contract';
import { RowAction } from '../../components/RowAction';
import { useFormat, useT } from '../../i18n/i18n';
import { jobsStore } from '../encodings/jobsStore';
import { PreviewFrames } from './PreviewFrames';
import { PublicationCell } from './PublicationCell';
import { PublishButton } from './PublishButton';
import { isDrawing, publicationJob, publishWay } from './publication';

/** Shown when a preview cannot be loaded (server unreachable, protected recording). */
const noPreview =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='80' height='62'%3E%3Crect width='80' height='62' fill='%23e9ecef'/%3E%3C/svg%3E";

export const RECORDING_COLUMNS = 8;

/**
 * One mirrored recording, and under it, once asked, the first pictures of its conversion.
 * Each row picks its own job from the store: a job's progress re-renders that row only.
 */
export function RecordingRow(props: {
  r: BbbRecordingView;
  time: Intl.DateTimeFormat;
  onPublish: () => void;
}) {
  const { r, time } = props;
  const t = useT();
  const format = useFormat();
  const job = jobsStore.use((s) => publicationJob(r, s.data ?? []));
  const [isPreviewOpen, setPreviewOpen] = useState(false);
  const preview = r.formats.flatMap((f) => f.previews)[0];
  const playback = r.formats.find((f) => f.type === 'presentation') ?? r.formats[0];
  // Pictures exist once a conversion has started (src-main/bbb/publication/service.ts).
  const hasConversion =
    publishWay(r) === 'convert' &&
    r.publication !== 'none' &&
    r.publication !== 'awaiting_conversion';
  return (
    <>
      <Table.Tr>
        <Table.Td>
          {preview ? (
            <Image
              src={preview.url}
              w={80}
              h={62}
              fit="contain"
              alt=""
              title={preview.alt}
              radius="xs"
              fallbackSrc={noPreview}
            />
          ) : (
            <Text size="xs" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text fw={500} size="sm">
            {r.name}
          </Text>
          {/* A record id is 54 characters without a space: let it wrap anywhere. */}
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {r.serverName} · {r.recordId}
          </Text>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{time.format(new Date(r.startMs))}</Table.Td>
        <Table.Td>{format.duration(r.durationS)}</Table.Td>
        <Table.Td>
          <Group gap={4}>
            {r.formats.map((f) => (
              <Badge
                key={f.type}
                size="sm"
                variant={f.type === 'video' ? 'filled' : 'light'}
                tt="none"
              >
                {f.type}
              </Badge>
            ))}
            {playback && (
              <Anchor href={playback.url} target="_blank" rel="noreferrer" size="xs">
                {t('bbb.recordings.play')}
              </Anchor>
            )}
          </Group>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {r.sizeBytes === null ? '—' : format.size(r.sizeBytes)}
        </Table.Td>
        <Table.Td>
          <PublicationCell r={r} job={job} />
        </Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap" justify="flex-end">
            {hasConversion && (
              <RowAction
                label={t('bbb.preview.action')}
                subject={r.name}
                icon={IconPhoto}
                color={isPreviewOpen ? 'blue' : undefined}
                onClick={() => setPreviewOpen((open) => !open)}
              />
            )}
            <PublishButton r={r} onClick={props.onPublish} />
          </Group>
        </Table.Td>
      </Table.Tr>
      {isPreviewOpen && (
        <Table.Tr>
          <Table.Td colSpan={RECORDING_COLUMNS}>
            <PreviewFrames id={r.id} isDrawing={isDrawing(job)} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
