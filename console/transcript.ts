// How a transcript splits into the bot's part and the people's part.
import type { Message } from '../shared/protocol';

/**
 * Where the bot's part ends: the first human (system or agent) message after the bot's last
 * word. -1 when the bot never spoke or no person has come in yet.
 */
export function handoverIndex(messages: Message[]): number {
  let lastBot = -1;
  messages.forEach((m, i) => {
    if (m.from === 'bot') lastBot = i;
  });
  if (lastBot === -1) return -1;
  return messages.findIndex((m, i) => i > lastBot && (m.from === 'system' || m.from === 'agent'));
}
