// The server's own words in a conversation (system messages), in the widget's languages. A
// conversation's system messages follow its visitor's locale (sent in `hello`), then the site
// bot's language, then English.
const EN = {
  queued: 'I\'m bringing in a person from our team. You can keep writing here — they\'ll see everything above.',
  offline: 'Nobody from our team is online right now. Leave your email and message, and we\'ll get back to you.',
  contactSaved: 'Thanks — we\'ll reply to {email} as soon as we can.',
  joined: '{name} joined the chat.',
  transferred: 'You are being transferred to {name}.',
  requeued: 'You are being transferred to another person.',
  closed: 'This chat has been closed. Thank you for writing to us!',
};

type Texts = Record<keyof typeof EN, string>;

export const TEXTS = {
  en: EN,
  es: {
    queued: 'Estoy avisando a una persona de nuestro equipo. Puedes seguir escribiendo aquí: verá todo lo anterior.',
    offline: 'Ahora mismo no hay nadie del equipo conectado. Déjanos tu correo y tu mensaje y te responderemos.',
    contactSaved: 'Gracias: responderemos a {email} lo antes posible.',
    joined: '{name} se ha unido al chat.',
    transferred: 'Te estamos pasando con {name}.',
    requeued: 'Te estamos pasando con otra persona.',
    closed: 'Este chat se ha cerrado. ¡Gracias por escribirnos!',
  },
  de: {
    queued: 'Ich hole eine Person aus unserem Team dazu. Sie können hier weiterschreiben – sie sieht alles bisher Geschriebene.',
    offline: 'Gerade ist niemand aus unserem Team online. Hinterlassen Sie Ihre E-Mail-Adresse und Nachricht, wir melden uns.',
    contactSaved: 'Danke – wir antworten so bald wie möglich an {email}.',
    joined: '{name} ist dem Chat beigetreten.',
    transferred: 'Sie werden an {name} weitergeleitet.',
    requeued: 'Sie werden an eine andere Person weitergeleitet.',
    closed: 'Dieser Chat wurde beendet. Danke für Ihre Nachricht!',
  },
  fr: {
    queued: 'Je fais appel à une personne de notre équipe. Vous pouvez continuer à écrire ici : elle verra tout ce qui précède.',
    offline: 'Personne de notre équipe n\'est en ligne pour le moment. Laissez votre e-mail et votre message, nous vous répondrons.',
    contactSaved: 'Merci, nous répondrons à {email} dès que possible.',
    joined: '{name} a rejoint la conversation.',
    transferred: 'Vous êtes transféré à {name}.',
    requeued: 'Vous êtes transféré à une autre personne.',
    closed: 'Cette conversation est terminée. Merci de nous avoir écrit !',
  },
  ar: {
    queued: 'سأستدعي شخصًا من فريقنا. يمكنك متابعة الكتابة هنا، وسيرى كل ما سبق.',
    offline: 'لا يوجد أحد من فريقنا متصلًا الآن. اترك بريدك الإلكتروني ورسالتك وسنرد عليك.',
    contactSaved: 'شكرًا، سنرد على {email} في أقرب وقت ممكن.',
    joined: 'انضم {name} إلى المحادثة.',
    transferred: 'يجري تحويلك إلى {name}.',
    requeued: 'يجري تحويلك إلى شخص آخر.',
    closed: 'أُغلقت هذه المحادثة. شكرًا لتواصلك معنا!',
  },
} as const satisfies Record<string, Texts>;

export type TextKey = keyof typeof EN;
export type TextLanguage = keyof typeof TEXTS;

/** The first of the candidates ("es-MX", "es", …) whose language has texts; English otherwise. */
export function textLanguage(...candidates: Array<string | undefined>): TextLanguage {
  for (const c of candidates) {
    const primary = c?.toLowerCase().split(/[-_]/)[0];
    if (primary && Object.hasOwn(TEXTS, primary)) return primary as TextLanguage;
  }
  return 'en';
}

export function text(key: TextKey, vars: Record<string, string> = {}, language: TextLanguage = 'en'): string {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
