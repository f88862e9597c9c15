// One bot per site, loaded from the site's intents file at start-up.
import { loadBot } from '../bot/engine';
import type { BotEngine } from '../bot/types';
import type { HeedConfig } from '../config';
import type { BotRegistry } from './service';

export class SiteBots implements BotRegistry {
  constructor(private readonly bots: Map<string, BotEngine>) {}

  static async load(config: HeedConfig): Promise<SiteBots> {
    const byFile = new Map<string, Promise<BotEngine>>();
    const bots = new Map<string, BotEngine>();
    for (const site of config.sites) {
      if (!byFile.has(site.intents)) byFile.set(site.intents, loadBot(site.intents));
      bots.set(site.id, await byFile.get(site.intents)!);
    }
    return new SiteBots(bots);
  }

  get(siteId: string): BotEngine {
    const bot = this.bots.get(siteId);
    if (!bot) throw new Error(`no bot for site ${siteId}`);
    return bot;
  }
}
