import { useEffect, useRef } from 'react';

import type { LiveMessage } from '../api/types';
import { useServices } from '../services';

/**
 * Subscribes for as long as the screen shows, and calls `reread` at once and again after every reconnect, so a screen
 * catches up with whatever happened while the connection was down.
 */
export function useLive<T>(
  destination: string | null,
  onMessage: (message: LiveMessage<T>) => void,
  reread: () => void,
): void {
  const { live } = useServices();
  const handlers = useRef({ onMessage, reread });
  handlers.current = { onMessage, reread };

  useEffect(() => {
    if (!destination) {
      return undefined;
    }
    handlers.current.reread();
    let wasConnected = live.currentStatus === 'connected';
    const stopStatus = live.onStatus((status) => {
      if (status === 'connected' && !wasConnected) {
        handlers.current.reread();
      }
      wasConnected = status === 'connected';
    });
    const stopMessages = live.subscribe<T>(destination, (message) => handlers.current.onMessage(message));
    return () => {
      stopStatus();
      stopMessages();
    };
  }, [destination, live]);
}
