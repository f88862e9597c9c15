// One bot per site, loaded from the site's intents file. With `watch`, each file's folder is
// watched (editors often save by writing a new file and renaming it over the old one, which a
// watch on the file itself would miss); a valid edit swaps the site's engine for the next
// message, an invalid one is logged with every problem and the old engine keeps serving.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { loadBot, sharesClassifier } from '../bot/engine';
import { quickReplyOutcomes } from '../bot/evaluate';
import { IntentsError, formatProblem } from '../bot/intents';
import type { BotEngine } from '../bot/types';
import type { HeedConfig } from '../config';
import type { BotRegistry } from './service';

export interface BotsLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface SiteBotsOptions {
  /** Reload intents files when they change on disk. */
  watch?: boolean;
  logger?: BotsLogger;
  /** Quiet time after the last change event before reloading (editors write in bursts). */
  debounceMs?: number;
}

export const consoleBotsLogger: BotsLogger = {
  info: (m) => console.log(m),
  error: (m) => console.error(m),
};

export class SiteBots implements BotRegistry {
  private readonly watchers: FSWatcher[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly logger: BotsLogger;
  private readonly debounceMs: number;
  /** Bumped per file on every reload started, so a slow older reload never overwrites a newer one. */
  private readonly generation = new Map<string, number>();

  private constructor(
    /** Engine per intents file (absolute path); sites sharing a file share the engine. */
    private readonly engines: Map<string, BotEngine>,
    private readonly siteFiles: Map<string, string>,
    options: SiteBotsOptions,
  ) {
    this.logger = options.logger ?? consoleBotsLogger;
    this.debounceMs = options.debounceMs ?? 150;
  }

  static async load(config: HeedConfig, options: SiteBotsOptions = {}): Promise<SiteBots> {
    const engines = new Map<string, BotEngine>();
    const siteFiles = new Map<string, string>();
    for (const site of config.sites) {
      const file = resolve(site.intents);
      if (!engines.has(file)) engines.set(file, await loadBot(file));
      siteFiles.set(site.id, file);
    }
    const bots = new SiteBots(engines, siteFiles, options);
    for (const [file, engine] of engines) bots.checkQuickReplies(file, engine);
    if (options.watch) bots.watchFiles();
    return bots;
  }

  get(siteId: string): BotEngine {
    const file = this.siteFiles.get(siteId);
    const bot = file === undefined ? undefined : this.engines.get(file);
    if (!bot) throw new Error(`no bot for site ${siteId}`);
    return bot;
  }

  /**
   * Loads the file again and, when it is valid, swaps it in for every site that uses it.
   * Returns whether it was swapped; an invalid file is logged and the old engine kept.
   */
  async reload(file: string): Promise<boolean> {
    const path = resolve(file);
    if (!this.engines.has(path)) throw new Error(`${path} is not the intents file of any site`);
    const generation = (this.generation.get(path) ?? 0) + 1;
    this.generation.set(path, generation);
    try {
      const previous = this.engines.get(path)!;
      const engine = await loadBot(path, previous);
      if (this.generation.get(path) !== generation) return false;
      this.engines.set(path, engine);
      this.logger.info(`intents reloaded: ${path}; the next message uses them` +
        (sharesClassifier(previous, engine) ? ' (no example, pattern or threshold changed: the classifier was kept, not retrained)' : ''));
      this.checkQuickReplies(path, engine);
      return true;
    } catch (err) {
      if (err instanceof IntentsError) {
        this.logger.error(`intents NOT reloaded, the previous version keeps serving. ${err.problems.length} problem(s):\n` +
          err.problems.map(formatProblem).join('\n'));
      } else {
        this.logger.error(`intents NOT reloaded from ${path}, the previous version keeps serving: ${(err as Error).message}`);
      }
      return false;
    }
  }

  /**
   * Warns about quick replies the bot offers but does not understand: a visitor who taps one gets
   * "sorry, I didn't get that", and it counts towards a handoff for not understanding.
   */
  private checkQuickReplies(path: string, engine: BotEngine): void {
    const lost = quickReplyOutcomes(engine).filter((q) => q.intent === null);
    if (lost.length === 0) return;
    this.logger.info(`intents warning: ${path}: ${lost.length} quick repl${lost.length === 1 ? 'y' : 'ies'} the bot does not understand ` +
      `(a visitor who taps one gets the fallback): ${lost.map((q) => JSON.stringify(q.text)).join(', ')}`);
  }

  /** Stops watching; engines keep working. */
  close(): void {
    for (const w of this.watchers.splice(0)) w.close();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private watchFiles(): void {
    const byDir = new Map<string, Set<string>>();
    for (const file of this.engines.keys()) {
      const dir = dirname(file);
      if (!byDir.has(dir)) byDir.set(dir, new Set());
      byDir.get(dir)!.add(basename(file));
    }
    for (const [dir, names] of byDir) {
      const watcher = watch(dir, (_event, name) => {
        // Some platforms give no file name; then every watched file in the folder is re-checked.
        const changed = name ? (names.has(name.toString()) ? [name.toString()] : []) : [...names];
        for (const n of changed) this.schedule(resolve(dir, n));
      });
      watcher.on('error', (err) => this.logger.error(`stopped watching ${dir} for intents changes: ${err.message}`));
      this.watchers.push(watcher);
    }
  }

  private schedule(file: string): void {
    clearTimeout(this.timers.get(file));
    this.timers.set(file, setTimeout(() => {
      this.timers.delete(file);
      void this.reload(file);
    }, this.debounceMs));
  }
}
