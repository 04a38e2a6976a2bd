import { useEffect, useState } from 'react';
import type { WebinarChatMessage } from '../../../src-preload/contract';
import { call, onConnected, subscribe } from '../../client/client';

/**
 * A webinar's listener messages, oldest first: read on every (re)connection, then each
 * `webinars.chatted` for this webinar added once (the sender's answer and the push are the same
 * message, kept by id).
 */
export function useChatMessages(webinarId: number): WebinarChatMessage[] | undefined {
  const [messages, setMessages] = useState<WebinarChatMessage[] | undefined>(undefined);
  useEffect(() => {
    let isCurrent = true;
    const add = (message: WebinarChatMessage) =>
      setMessages((current) =>
        current?.some((m) => m.id === message.id) ? current : [...(current ?? []), message],
      );
    const stopPush = subscribe('webinars.chatted', (message) => {
      if (message.webinarId === webinarId) add(message);
    });
    const stopLoad = onConnected(() => {
      void call('webinars.messages', { id: webinarId }).then((list) => {
        if (isCurrent) setMessages([...list].sort((a, b) => a.id - b.id));
      });
    });
    return () => {
      isCurrent = false;
      stopPush();
      stopLoad();
    };
  }, [webinarId]);
  return messages;
}
