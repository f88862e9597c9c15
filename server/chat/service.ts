// The chat domain: conversations, the bot's turn, escalation (P9), the queue (P10) and claims (P11).
// It talks only to the Store and the Bus; sockets live in transport/.

import { randomUUID } from 'node:crypto';
import type {
  ConversationDetail, EscalationReason, Message, QueueEntry, SentimentPoint, SState, VHello, VSend,
} from '../../shared/protocol';
import { REPEATED, decideTurn, initialMemory, nextRunning, readSentiment } from './escalation';
import { ChatError } from './errors';
import { KeyedLock } from './lock';
import { fromStates, targetState } from './state';
import { text, textLanguage, type TextKey } from './texts';
import { newToken, sha256, verifyIdentity } from '../auth/crypto';
import type { BotEngine } from '../bot/types';
import type { HeedConfig, SiteConfig } from '../config';
import type { Agent, Bus, Conversation, Store, Visitor } from '../store/store';

export interface BotRegistry {
  get(siteId: string): BotEngine;
}

export interface ChatDeps {
  store: Store;
  bus: Bus;
  config: HeedConfig;
  bots: BotRegistry;
  now?: () => number;
  /** 0..1, picks among an intent's responses; injectable for deterministic tests. */
  random?: () => number;
}

export interface VisitorSession {
  visitor: Visitor;
  conversation: Conversation;
  token: string;
  /** The welcome frame carries every message with seq > after (P6). */
  after: number;
  identityRefused: boolean;
}

export interface AckInfo { clientId: string; seq: number; id: string }

export class ChatService {
  private readonly store: Store;
  private readonly bus: Bus;
  private readonly config: HeedConfig;
  private readonly bots: BotRegistry;
  private readonly now: () => number;
  private readonly random: () => number;
  /** Serialises each conversation's turns in this process, so a bot reply follows its message. */
  readonly lock = new KeyedLock();

  constructor(deps: ChatDeps) {
    this.store = deps.store;
    this.bus = deps.bus;
    this.config = deps.config;
    this.bots = deps.bots;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  site(siteId: string): SiteConfig | undefined {
    return this.config.sites.find((s) => s.id === siteId);
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  // ------------------------------------------------------------------ visitor side

  /** `hello` (P6, P7, P12): resumes the visitor's conversation or starts a fresh visitor. */
  async hello(siteId: string, frame: VHello, meta: { userAgent?: string } = {}): Promise<VisitorSession> {
    const site = this.site(siteId);
    if (!site) throw new ChatError('forbidden', 'Unknown site');
    let token = frame.token;
    let visitor = token ? await this.store.getVisitorByTokenHash(sha256(token)) : null;
    // P7: a forged, expired or other-site token starts a fresh visitor and reveals nothing.
    const resumed = visitor !== null && visitor.siteId === siteId;
    if (!resumed) {
      token = newToken();
      visitor = {
        id: randomUUID(), siteId, tokenHash: sha256(token), createdAt: this.iso(),
        locale: frame.locale, userAgent: meta.userAgent,
      };
      await this.store.createVisitor(visitor);
    }
    let identityRefused = false;
    if (frame.identity !== undefined) {
      const claims = site.identitySecret ? verifyIdentity(frame.identity, site.identitySecret, Math.floor(this.now() / 1000)) : null;
      if (claims) {
        visitor = await this.store.updateVisitor(visitor!.id, {
          identity: { id: claims.id, email: claims.email, name: claims.name, verified: true },
        });
      } else {
        identityRefused = true;
      }
    }
    if (site.requireIdentity && !visitor!.identity?.verified) throw new ChatError('bad_identity', 'This site requires a signed identity');
    if (frame.locale && frame.locale !== visitor!.locale) visitor = await this.store.updateVisitor(visitor!.id, { locale: frame.locale });

    let conversation = visitor!.currentConversationId ? await this.store.getConversation(visitor!.currentConversationId) : null;
    const continuing = conversation !== null && conversation.state !== 'closed';
    if (!continuing) {
      conversation = await this.startConversation(visitor!, frame.page);
      visitor = await this.store.getVisitor(visitor!.id) as Visitor;
    } else if (frame.page && frame.page.url !== conversation!.page?.url) {
      conversation = (await this.store.updateConversation(conversation!.id, { page: frame.page }))!;
    }
    const after = resumed && continuing && frame.lastSeq !== undefined ? frame.lastSeq : 0;
    return { visitor: visitor!, conversation: conversation!, token: token!, after, identityRefused };
  }

  /** A new conversation for a visitor whose last one closed (P6 keeps identity and history). */
  async startConversation(visitor: Visitor, page?: Conversation['page']): Promise<Conversation> {
    const conversation: Conversation = {
      id: randomUUID(), siteId: visitor.siteId, visitorId: visitor.id, state: 'bot', createdAt: this.iso(),
      bot: initialMemory(), sentiment: [], page,
    };
    await this.store.createConversation(conversation);
    await this.store.updateVisitor(visitor.id, { currentConversationId: conversation.id });
    return conversation;
  }

  private checkText(textIn: string, clientId?: string): string {
    const t = textIn.trim();
    if (!t) throw new ChatError('bad_frame', 'Message text is empty');
    if ([...t].length > this.config.limits.maxTextChars) {
      throw new ChatError('too_long', `Message text is over ${this.config.limits.maxTextChars} characters${clientId ? '' : ''}`);
    }
    return t;
  }

  /**
   * A visitor's `send` (P5, P8, P9). Returns the ack, or `closed` when the conversation has
   * closed meanwhile: the caller starts a new conversation and sends again.
   */
  async visitorSend(conversationId: string, frame: VSend): Promise<AckInfo | 'closed'> {
    const body = this.checkText(frame.text, frame.clientId);
    return this.lock.run(conversationId, async () => {
      const conv = await this.store.getConversation(conversationId);
      if (!conv) throw new ChatError('not_found');
      if (conv.state === 'closed') return 'closed';
      const { message, duplicate } = await this.store.appendMessage(conv.id, { from: 'visitor', text: body, clientId: frame.clientId });
      const ack = { clientId: frame.clientId, seq: message.seq, id: message.id };
      if (duplicate) return ack; // P5: the original ack, nothing stored or answered again
      await this.bus.publish({ kind: 'message', conversationId: conv.id, message });
      if (frame.contact) await this.saveContact(conv, frame.contact);
      await this.afterVisitorMessage(conv, message);
      return ack;
    });
  }

  private async saveContact(conv: Conversation, contact: NonNullable<VSend['contact']>): Promise<void> {
    const email = contact.email.trim().slice(0, 254);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ChatError('bad_frame', 'That email address does not look right');
    await this.store.updateConversation(conv.id, { contact: { email, name: contact.name?.trim().slice(0, 200) || undefined } });
    await this.say(conv, 'contactSaved', { email });
    await this.bus.publish({ kind: 'conversation', conversationId: conv.id });
  }

  /** Sentiment for every visitor message; the bot's turn and escalation only while in `bot` (P8). */
  private async afterVisitorMessage(conv: Conversation, message: Message): Promise<void> {
    const bot = this.bots.get(conv.siteId);
    if (conv.state !== 'bot') {
      const { score, sarcastic } = readSentiment(bot, message.text);
      const running = nextRunning(conv.bot.running, score, bot.settings);
      const point: SentimentPoint = { seq: message.seq, score, running, ...(sarcastic !== undefined ? { sarcastic: true } : {}) };
      await this.store.updateConversation(conv.id, { bot: { ...conv.bot, running }, sentiment: [...conv.sentiment, point] });
      await this.bus.publish({ kind: 'sentiment', conversationId: conv.id, point });
      return;
    }
    const turn = decideTurn(bot, conv.bot, message.text, this.random());
    const point: SentimentPoint = {
      seq: message.seq, score: turn.sentiment, running: turn.memory.running, intent: turn.intent, confidence: turn.confidence,
      ...(turn.hostile ? { hostile: turn.hostile } : {}),
      ...(turn.sarcastic !== undefined ? { sarcastic: true } : {}),
      // The cue itself (a set phrase, the model's P) is for the intents CLI; the console only says it
      // happened. Saying the same thing again is not marked: the visitor did not say the answer missed.
      ...(turn.repair && turn.repair !== REPEATED ? { repair: true } : {}),
      ...(turn.person ? { person: true } : {}),
    };
    const updated = await this.store.updateConversation(conv.id, { bot: turn.memory, sentiment: [...conv.sentiment, point] });
    await this.bus.publish({ kind: 'sentiment', conversationId: conv.id, point });
    if (turn.reply && !turn.escalate) {
      await this.post(conv.id, { from: 'bot', text: turn.reply.text, quickReplies: turn.reply.quickReplies });
    }
    if (turn.escalate) await this.escalate(updated ?? conv, turn.escalate, turn.reply?.text);
  }

  /** Stores and publishes a server-written message. */
  private async post(conversationId: string, draft: Parameters<Store['appendMessage']>[1]): Promise<Message> {
    const { message } = await this.store.appendMessage(conversationId, draft);
    await this.bus.publish({ kind: 'message', conversationId, message });
    return message;
  }

  /**
   * Posts one of the server's own messages in the conversation's language: its visitor's locale,
   * else the site bot's language, else English.
   */
  private async say(conversation: Conversation | string, key: TextKey, vars: Record<string, string> = {}): Promise<void> {
    const conversationId = typeof conversation === 'string' ? conversation : conversation.id;
    const conv = typeof conversation === 'string' ? await this.store.getConversation(conversation) : conversation;
    const visitor = conv ? await this.store.getVisitor(conv.visitorId) : null;
    let botLanguage: string | undefined;
    try {
      botLanguage = conv ? this.bots.get(conv.siteId).language : undefined;
    } catch {
      botLanguage = undefined; // a site without a bot: its visitor's locale or English
    }
    await this.post(conversationId, { from: 'system', text: text(key, vars, textLanguage(visitor?.locale, botLanguage)) });
  }

  /** P9: leaves `bot` for `queued` with the reason stored. Idempotent: a second call does nothing. */
  async escalate(conv: Conversation, reason: EscalationReason, botSays?: string): Promise<boolean> {
    const queuedAt = this.now();
    const updated = await this.store.updateConversation(
      conv.id, { state: targetState('escalate'), reason, queuedAt: new Date(queuedAt).toISOString() }, fromStates('escalate'),
    );
    if (!updated) return false;
    await this.store.enqueue(conv.id, queuedAt);
    if (botSays && reason === 'intent') await this.post(conv.id, { from: 'bot', text: botSays });
    const online = await this.store.onlineAgents();
    await this.say(conv, online.length ? 'queued' : 'offline');
    await this.bus.publish({ kind: 'conversation', conversationId: conv.id });
    await this.bus.publish({ kind: 'queue' });
    return true;
  }

  /** A visitor's `handoff` frame (P9 `requested`). */
  async handoff(conversationId: string): Promise<void> {
    await this.lock.run(conversationId, async () => {
      const conv = await this.store.getConversation(conversationId);
      if (!conv) throw new ChatError('not_found');
      if (conv.state === 'bot') await this.escalate(conv, 'requested');
    });
  }

  async rate(conversationId: string, score: number, comment?: string): Promise<void> {
    const conv = await this.store.getConversation(conversationId);
    if (!conv) throw new ChatError('not_found');
    if (conv.state !== 'closed' && conv.state !== 'agent') throw new ChatError('bad_state', 'Rate the chat after talking to a person');
    await this.store.updateConversation(conversationId, { rating: { score, comment: comment?.slice(0, 2000) } });
    await this.bus.publish({ kind: 'conversation', conversationId });
  }

  async visitorRead(conversationId: string, seq: number): Promise<void> {
    const conv = await this.store.getConversation(conversationId);
    if (!conv || (conv.visitorRead ?? 0) >= seq) return;
    await this.store.updateConversation(conversationId, { visitorRead: seq });
    await this.bus.publish({ kind: 'read', conversationId, seq });
  }

  /** Agents came or went: queued visitors may switch between `queued` and `offline` (P10). */
  async presenceChanged(): Promise<void> {
    await this.bus.publish({ kind: 'presence' });
  }

  async typing(conversationId: string, from: 'visitor' | 'agent', on: boolean): Promise<void> {
    await this.bus.publish({ kind: 'typing', conversationId, from, on });
  }

  /** The `state` frame a visitor of this conversation should see now (P10). */
  async visitorState(conv: Conversation): Promise<SState> {
    switch (conv.state) {
      case 'bot':
        return { type: 'state', state: 'bot' };
      case 'closed':
        return { type: 'state', state: 'closed' };
      case 'agent': {
        const agent = conv.agentId ? await this.store.getAgent(conv.agentId) : null;
        return { type: 'state', state: 'agent', ...(agent ? { agent: { name: agent.name } } : {}) };
      }
      case 'queued': {
        const online = await this.store.onlineAgents();
        if (online.length === 0) return { type: 'state', state: 'offline' };
        const queue = await this.store.queue();
        const position = queue.indexOf(conv.id) + 1;
        if (position === 0) return { type: 'state', state: 'queued' };
        return {
          type: 'state', state: 'queued', position,
          waitSeconds: Math.round((position * this.config.avgHandleSeconds) / online.length),
        };
      }
    }
  }

  // ------------------------------------------------------------------ agent side

  /** P11: exactly one of racing claims wins; the others get `already_claimed`. */
  async claim(agent: Agent, conversationId: string): Promise<Conversation> {
    const won = await this.store.updateConversation(conversationId, { state: targetState('claim'), agentId: agent.id }, fromStates('claim'));
    if (!won) {
      const conv = await this.store.getConversation(conversationId);
      if (!conv) throw new ChatError('not_found');
      if (conv.state === 'agent') throw new ChatError('already_claimed');
      throw new ChatError('bad_state', `The conversation is ${conv.state}, not queued`);
    }
    await this.store.dequeue(conversationId);
    await this.say(won, 'joined', { name: agent.name });
    await this.bus.publish({ kind: 'conversation', conversationId });
    await this.bus.publish({ kind: 'queue' });
    return won;
  }

  private async held(agent: Agent, conversationId: string): Promise<Conversation> {
    const conv = await this.store.getConversation(conversationId);
    if (!conv) throw new ChatError('not_found');
    if (conv.state !== 'agent' || conv.agentId !== agent.id) throw new ChatError('forbidden', 'Claim the conversation first');
    return conv;
  }

  async agentSend(agent: Agent, f: { conversationId: string; clientId: string; text: string; note?: boolean }): Promise<AckInfo> {
    const body = this.checkText(f.text);
    const conv = await this.store.getConversation(f.conversationId);
    if (!conv) throw new ChatError('not_found');
    // Notes are allowed on any conversation an agent can see; replies only on one the agent holds.
    if (!f.note) await this.held(agent, f.conversationId);
    const { message, duplicate } = await this.store.appendMessage(f.conversationId, {
      from: 'agent', text: body, clientId: f.clientId, author: { name: agent.name }, note: f.note || undefined,
    });
    if (!duplicate) await this.bus.publish({ kind: 'message', conversationId: f.conversationId, message });
    return { clientId: f.clientId, seq: message.seq, id: message.id };
  }

  async close(agent: Agent, conversationId: string): Promise<void> {
    const conv = await this.store.getConversation(conversationId);
    if (!conv) throw new ChatError('not_found');
    if (conv.state === 'agent' && conv.agentId !== agent.id) throw new ChatError('forbidden', 'Another agent holds this conversation');
    const closed = await this.store.updateConversation(
      conversationId, { state: targetState('close'), closedAt: this.iso() }, fromStates('close'),
    );
    if (!closed) throw new ChatError('bad_state', 'The conversation is already closed');
    await this.store.dequeue(conversationId);
    await this.say(closed, 'closed');
    await this.bus.publish({ kind: 'conversation', conversationId });
    await this.bus.publish({ kind: 'queue' });
  }

  /** Hands a held conversation to another agent, or back to the queue when no agent is named. */
  async transfer(agent: Agent, conversationId: string, toAgentId?: string): Promise<void> {
    await this.held(agent, conversationId);
    if (toAgentId) {
      const to = await this.store.getAgent(toAgentId);
      if (!to) throw new ChatError('not_found', 'No such agent');
      const ok = await this.store.updateConversation(conversationId, { agentId: to.id }, fromStates('transfer_to_agent'));
      if (!ok) throw new ChatError('bad_state');
      await this.say(conversationId, 'transferred', { name: to.name });
    } else {
      const at = this.now();
      const ok = await this.store.updateConversation(
        conversationId, { state: targetState('transfer_to_queue'), agentId: undefined, queuedAt: new Date(at).toISOString() },
        fromStates('transfer_to_queue'),
      );
      if (!ok) throw new ChatError('bad_state');
      await this.store.enqueue(conversationId, at);
      await this.say(conversationId, 'requeued');
      await this.bus.publish({ kind: 'queue' });
    }
    await this.bus.publish({ kind: 'conversation', conversationId });
  }

  /** Everything the agent sees on claim (P11). */
  async detail(conversationId: string): Promise<ConversationDetail> {
    const conv = await this.store.getConversation(conversationId);
    if (!conv) throw new ChatError('not_found');
    const [messages, visitor, agent, all] = await Promise.all([
      this.store.getMessages(conv.id),
      this.store.getVisitor(conv.visitorId),
      conv.agentId ? this.store.getAgent(conv.agentId) : Promise.resolve(null),
      this.store.listConversationsByVisitor(conv.visitorId),
    ]);
    const earlier = await Promise.all(all.filter((c) => c.id !== conv.id).map(async (c) => ({
      id: c.id, createdAt: c.createdAt, closedAt: c.closedAt, messageCount: await this.store.messageCount(c.id),
    })));
    return {
      id: conv.id,
      siteId: conv.siteId,
      state: await this.wireState(conv),
      reason: conv.reason,
      agentId: conv.agentId,
      agentName: agent?.name,
      createdAt: conv.createdAt,
      messages,
      sentiment: conv.sentiment,
      rating: conv.rating,
      visitorRead: conv.visitorRead,
      visitor: {
        visitorId: conv.visitorId,
        siteId: conv.siteId,
        page: conv.page,
        locale: visitor?.locale,
        identity: visitor?.identity,
        contact: conv.contact,
        userAgent: visitor?.userAgent,
        earlier,
      },
    };
  }

  async wireState(conv: Conversation): Promise<ConversationDetail['state']> {
    if (conv.state !== 'queued') return conv.state;
    return (await this.store.onlineAgents()).length ? 'queued' : 'offline';
  }

  /** The live queue as agents see it, oldest first. */
  async queueSnapshot(): Promise<QueueEntry[]> {
    const ids = await this.store.queue();
    const entries = await Promise.all(ids.map(async (id, i): Promise<QueueEntry | null> => {
      const conv = await this.store.getConversation(id);
      if (!conv || conv.state !== 'queued') {
        // A process that died between a claim or close and its dequeue leaves a stale entry;
        // removing it here keeps visitors' queue positions honest.
        await this.store.dequeue(id);
        return null;
      }
      const count = await this.store.messageCount(id);
      const recent = await this.store.getMessages(id, Math.max(0, count - 10));
      const lastVisitor = [...recent].reverse().find((m) => m.from === 'visitor');
      const visitor = await this.store.getVisitor(conv.visitorId);
      return {
        conversationId: id,
        siteId: conv.siteId,
        position: i + 1,
        reason: conv.reason ?? 'requested',
        queuedAt: conv.queuedAt ?? conv.createdAt,
        lastMessage: lastVisitor?.text.slice(0, 140),
        sentiment: conv.bot.running,
        visitorName: visitor?.identity?.name ?? conv.contact?.name ?? conv.contact?.email,
      };
    }));
    return entries.filter((e): e is QueueEntry => e !== null).map((e, i) => ({ ...e, position: i + 1 }));
  }

  /** Conversations an agent holds now. */
  async heldBy(agentId: string): Promise<string[]> {
    return (await this.store.listConversationsByAgent(agentId)).filter((c) => c.state === 'agent').map((c) => c.id);
  }
}
