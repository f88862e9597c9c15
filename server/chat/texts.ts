// The server's own words in a conversation (system messages). Kept in one place for translation.
export const TEXTS = {
  en: {
    queued: 'I\'m bringing in a person from our team. You can keep writing here — they\'ll see everything above.',
    offline: 'Nobody from our team is online right now. Leave your email and message, and we\'ll get back to you.',
    contactSaved: 'Thanks — we\'ll reply to {email} as soon as we can.',
    joined: '{name} joined the chat.',
    transferred: 'You are being transferred to {name}.',
    requeued: 'You are being transferred to another person.',
    closed: 'This chat has been closed. Thank you for writing to us!',
  },
} as const;

export type TextKey = keyof typeof TEXTS.en;

export function text(key: TextKey, vars: Record<string, string> = {}): string {
  return TEXTS.en[key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
