import { useEffect, useState } from 'preact/hooks';
import type { ChatClient } from '../client/client';
import type { ChatView } from '../client/types';

/** The client's current view; re-renders on every change. */
export function useChatView(client: ChatClient): ChatView {
  const [view, setView] = useState(client.getView());
  useEffect(() => {
    setView(client.getView());
    return client.on('change', setView);
  }, [client]);
  return view;
}
