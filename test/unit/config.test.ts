import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_INTENTS, defaultConfig, parseConfig } from '../../server/config';

describe('config', () => {
  it('defaults to a demo site that allows the server\'s own origin on localhost and 127.0.0.1', () => {
    const c = defaultConfig(3000);
    expect(c.sites).toEqual([{ id: 'demo', origins: ['http://localhost:3000', 'http://127.0.0.1:3000'], intents: DEFAULT_INTENTS }]);
    expect(c.limits).toMatchObject({ maxFrameBytes: 16384, maxTextChars: 4000, badFramesPerMinute: 20 });
  });

  it('reads sites and resolves intents relative to the config file', () => {
    const c = parseConfig({ sites: [{ id: 'shop', origins: ['https://shop.example'], intents: 'intents/x.json' }], limits: { maxTextChars: 2000 } }, '/etc/heed/heed.json', 80);
    expect(c.sites[0]).toMatchObject({ id: 'shop', origins: ['https://shop.example'], intents: '/etc/heed/intents/x.json' });
    expect(c.limits.maxTextChars).toBe(2000);
    expect(c.limits.maxFrameBytes).toBe(16384);
  });

  it('lists every problem with file and path', () => {
    let err: unknown;
    try {
      parseConfig({ sites: [{ id: 'a b', origins: ['shop.example/'] }, { id: 'x', origins: [], identitySecret: 'short' }], limits: { maxTextChars: -1 } }, 'heed.json', 80);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as Error).message.split('\n');
    expect(lines).toEqual([
      'heed.json: $.sites[0].id: must be 1-64 letters, digits, _ or -',
      'heed.json: $.sites[0].origins: must be an array of origins like "https://shop.example" (no path)',
      'heed.json: $.sites[1].identitySecret: must be a string of 16+ characters',
      'heed.json: $.limits.maxTextChars: must be a positive integer',
    ]);
  });
});
