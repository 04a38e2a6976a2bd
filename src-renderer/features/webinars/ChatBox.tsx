import { Badge, Button, Group, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { WebinarView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useFormat, useT } from '../../i18n/i18n';
import { useAction } from './useAction';
import { useChatMessages } from './useChatMessages';

/**
 * The listeners' questions relayed to the BBB public chat: the operator types one (sent under the
 * operator's name), and those posted on the relay page appear as they are sent.
 */
export function ChatBox({ webinar }: { webinar: WebinarView }) {
  const t = useT();
  const format = useFormat();
  const messages = useChatMessages(webinar.id);
  const [text, setText] = useState('');
  const { busy, run } = useAction<'send'>();
  const viewport = useRef<HTMLDivElement>(null);
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [messages?.length]);
  const canSend = !['scheduled', 'ended'].includes(webinar.status);
  const send = () => {
    const message = text.trim();
    if (message === '') return;
    void run(
      'send',
      () => call('webinars.chat', { id: webinar.id, message }),
      () => setText(''),
    );
  };
  return (
    <Paper withBorder p="sm" data-testid="webinar-chat">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('chat.title')}
        </Text>
        <ScrollArea h={220} viewportRef={viewport}>
          {messages === undefined ? (
            <Text size="xs" c="dimmed">
              {t('common.loading')}
            </Text>
          ) : messages.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('chat.none')}
            </Text>
          ) : (
            <Stack gap={6}>
              {messages.map((m) => (
                <div key={m.id} data-testid="chat-message">
                  <Group gap={6}>
                    <Text size="xs" fw={600}>
                      {m.author}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(m.at, { withSeconds: true })}
                    </Text>
                    <Badge size="xs" variant="outline" tt="none" color="gray">
                      {t(m.origin === 'relay' ? 'chat.origin.relay' : 'chat.origin.console')} ·{' '}
                      {t(m.via === 'bbb' ? 'chat.via.bbb' : 'chat.via.gateway')}
                    </Badge>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {m.text}
                  </Text>
                </div>
              ))}
            </Stack>
          )}
        </ScrollArea>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              style={{ flex: 1 }}
              aria-label={t('chat.message')}
              placeholder={canSend ? t('chat.placeholder') : t('chat.notLive')}
              disabled={!canSend}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Button
              type="submit"
              leftSection={<IconSend size={16} />}
              loading={busy === 'send'}
              disabled={!canSend || text.trim() === ''}
            >
              {t('chat.send')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}
