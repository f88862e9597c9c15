// Pure pieces of the widget that need no DOM: the header's state line (P10), error texts,
// the socket URL, and the loader's settings.

import { describe, expect, it } from 'vitest';
import { socketUrl } from '../../widget/client/url';
import { readSettings } from '../../widget/loader/settings';
import { stateLine } from '../../widget/ui/stateLine';
import { errorText } from '../../widget/ui/strings';

describe('widget state line', () => {
  it('[P10] shows queue position and the wait in minutes', () => {
    expect(stateLine({ socket: 'open', conversation: 'queued', position: 2, waitSeconds: 170 })).toBe('You are #2 in the queue, about 3 min');
    expect(stateLine({ socket: 'open', conversation: 'queued', position: 1, waitSeconds: 5 })).toBe('You are #1 in the queue, about 1 min');
    expect(stateLine({ socket: 'open', conversation: 'queued', position: 4 })).toBe('You are #4 in the queue');
    expect(stateLine({ socket: 'open', conversation: 'queued' })).toBe('Waiting for a person…');
  });
  it('names the bot, the agent, offline and closed', () => {
    expect(stateLine({ socket: 'open', conversation: 'bot' })).toBe('Bot');
    expect(stateLine({ socket: 'open', conversation: 'agent', agent: 'Ana' })).toBe('Chatting with Ana');
    expect(stateLine({ socket: 'open', conversation: 'offline' })).toMatch(/No one is available/);
    expect(stateLine({ socket: 'open', conversation: 'closed' })).toMatch(/ended/);
    expect(stateLine({ socket: 'connecting', conversation: null })).toBe('Connecting…');
  });
  it('explains why a message failed', () => {
    expect(errorText('too_long')).toBe('Not sent: the message is too long');
    expect(errorText('weird')).toBe('Not sent: something went wrong');
  });
});

describe('widget URLs and settings', () => {
  it('derives the socket URL from the server base', () => {
    expect(socketUrl('https://chat.example.com/', 'demo')).toBe('wss://chat.example.com/v1/visitor?site=demo');
    expect(socketUrl('http://localhost:3100', 'a b')).toBe('ws://localhost:3100/v1/visitor?site=a%20b');
  });
  it('reads data-* from the script tag; window.HeedSettings wins', () => {
    const script = { src: 'https://chat.example.com/widget.js?v=1', dataset: { site: 'demo', color: '#f00', position: 'left' } } as unknown as HTMLScriptElement;
    expect(readSettings(script, undefined)).toEqual({
      site: 'demo', base: 'https://chat.example.com/', color: '#f00', position: 'left', locale: undefined, identity: undefined,
      greeting: undefined, greetingDelay: 10, load: 'open',
    });
    expect(readSettings(script, { site: 'other', position: 'right' })).toMatchObject({ site: 'other', position: 'right', color: '#f00' });
    expect(readSettings({ src: 'https://x/widget.js', dataset: {} } as unknown as HTMLScriptElement, undefined)).toBeNull();
  });
  it('reads the greeting, its delay, the locale and load-on-idle', () => {
    const script = {
      src: 'https://chat.example.com/widget.js',
      dataset: { site: 'demo', greeting: 'Need a hand?', greetingDelay: '5', load: 'idle', locale: 'ar' },
    } as unknown as HTMLScriptElement;
    expect(readSettings(script, undefined)).toMatchObject({ greeting: 'Need a hand?', greetingDelay: 5, load: 'idle', locale: 'ar' });
    expect(readSettings(script, { greetingDelay: -1, load: 'open' as const })).toMatchObject({ greetingDelay: 10, load: 'open' });
    expect(readSettings(null, { site: 's', base: 'https://h/x', identity: 'jwt' })).toMatchObject({ base: 'https://h/x/', identity: 'jwt', load: 'open' });
  });
});
