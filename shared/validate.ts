// Runtime validation of frames (P1). Tiny on purpose: the widget bundles it too.
// The rule builders are marked pure so the browser bundles keep only the tables they use.
// Each frame type maps to field rules; unknown extra fields are allowed (v1 is additive).

import type { AgentFrame, ServerToAgent, ServerToVisitor, VisitorFrame } from './protocol';

type Rule = (v: unknown) => boolean;
type Shape = Record<string, [Rule, boolean?]>; // [rule, optional]

const str: Rule = (v) => typeof v === 'string';
const nonEmpty: Rule = (v) => typeof v === 'string' && v.length > 0;
const bool: Rule = (v) => typeof v === 'boolean';
const int: Rule = (v) => typeof v === 'number' && Number.isInteger(v);
const nonNegInt: Rule = (v) => int(v) && (v as number) >= 0;
const num: Rule = (v) => typeof v === 'number' && Number.isFinite(v);
const obj: Rule = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (r: Rule): Rule => (v) => Array.isArray(v) && v.every(r);
const oneOf = (...xs: unknown[]): Rule => (v) => xs.includes(v);
const shaped = (s: Shape): Rule => (v) => obj(v) && checkShape(v as Record<string, unknown>, s) === null;
/** Client ids are opaque strings of at most 64 characters (UUIDs in practice). */
const clientId: Rule = (v) => typeof v === 'string' && v.length > 0 && v.length <= 64;

const message: Rule = /* @__PURE__ */ shaped({
  id: [nonEmpty], seq: [nonNegInt], clientId: [str, true],
  from: [/* @__PURE__ */ oneOf('visitor', 'bot', 'agent', 'system')], author: [/* @__PURE__ */ shaped({ name: [str] }), true],
  text: [str], at: [str], quickReplies: [/* @__PURE__ */ arr(str), true], note: [bool, true],
});
const state: Rule = /* @__PURE__ */ oneOf('bot', 'queued', 'agent', 'closed', 'offline');

function checkShape(o: Record<string, unknown>, s: Shape): string | null {
  for (const [key, [rule, optional]] of Object.entries(s)) {
    const v = o[key];
    if (v === undefined) {
      if (!optional) return `missing field "${key}"`;
      continue;
    }
    if (!rule(v)) return `field "${key}" has the wrong type or value`;
  }
  return null;
}

const VISITOR: Record<string, Shape> = {
  hello: {
    v: [/* @__PURE__ */ oneOf(1)], token: [str, true], lastSeq: [nonNegInt, true],
    page: [/* @__PURE__ */ shaped({ url: [str], title: [str, true] }), true], locale: [str, true], identity: [str, true],
  },
  send: { clientId: [clientId], text: [str], contact: [/* @__PURE__ */ shaped({ email: [nonEmpty], name: [str, true] }), true] },
  typing: { on: [bool] },
  read: { seq: [nonNegInt] },
  handoff: {},
  rate: { score: [(v) => int(v) && (v as number) >= 1 && (v as number) <= 5], comment: [str, true] },
};

const AGENT: Record<string, Shape> = {
  claim: { conversationId: [nonEmpty] },
  send: { conversationId: [nonEmpty], clientId: [clientId], text: [str], note: [bool, true] },
  typing: { conversationId: [nonEmpty], on: [bool] },
  transfer: { conversationId: [nonEmpty], agentId: [str, true] },
  close: { conversationId: [nonEmpty] },
  open: { conversationId: [nonEmpty] },
};

const TO_VISITOR: Record<string, Shape> = {
  welcome: { token: [nonEmpty], conversationId: [nonEmpty], state: [state], messages: [/* @__PURE__ */ arr(message)] },
  message: { message: [message] },
  ack: { clientId: [clientId], seq: [nonNegInt], id: [nonEmpty] },
  state: { state: [state], position: [nonNegInt, true], waitSeconds: [num, true], agent: [/* @__PURE__ */ shaped({ name: [str] }), true] },
  typing: { from: [/* @__PURE__ */ oneOf('bot', 'agent')], on: [bool] },
  error: { code: [nonEmpty], message: [str], clientId: [str, true] },
};

const TO_AGENT: Record<string, Shape> = {
  ready: { agent: [obj], queue: [/* @__PURE__ */ arr(obj)], conversations: [/* @__PURE__ */ arr(obj)] },
  queue: { queue: [/* @__PURE__ */ arr(obj)] },
  conversation: { conversation: [/* @__PURE__ */ shaped({ id: [nonEmpty], messages: [/* @__PURE__ */ arr(message)] })] },
  message: { conversationId: [nonEmpty], message: [message] },
  ack: { conversationId: [nonEmpty], clientId: [clientId], seq: [nonNegInt], id: [nonEmpty] },
  state: { conversationId: [nonEmpty], state: [state] },
  typing: { conversationId: [nonEmpty], on: [bool] },
  read: { conversationId: [nonEmpty], seq: [nonNegInt] },
  sentiment: { conversationId: [nonEmpty], point: [obj] },
  error: { code: [nonEmpty], message: [str] },
};

export type Parsed<T> = { ok: true; frame: T } | { ok: false; error: string };

function parseWith<T>(raw: unknown, table: Record<string, Shape>): Parsed<T> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, error: 'frame is not valid JSON' };
    }
  }
  if (!obj(value)) return { ok: false, error: 'frame must be a JSON object' };
  const o = value as Record<string, unknown>;
  if (typeof o.type !== 'string') return { ok: false, error: 'frame has no string "type"' };
  const shape = Object.prototype.hasOwnProperty.call(table, o.type) ? table[o.type] : undefined;
  if (!shape) return { ok: false, error: `unknown frame type "${o.type.slice(0, 40)}"` };
  const problem = checkShape(o, shape);
  if (problem) return { ok: false, error: `${o.type}: ${problem}` };
  return { ok: true, frame: o as T };
}

export const parseVisitorFrame = (raw: unknown) => parseWith<VisitorFrame>(raw, VISITOR);
export const parseAgentFrame = (raw: unknown) => parseWith<AgentFrame>(raw, AGENT);
export const parseServerToVisitor = (raw: unknown) => parseWith<ServerToVisitor>(raw, TO_VISITOR);
export const parseServerToAgent = (raw: unknown) => parseWith<ServerToAgent>(raw, TO_AGENT);
