// Who the visitor is and where they are, so they never have to repeat themselves (P11).
import type { ConversationDetail } from '../../shared/protocol';
import { safeHref } from '../format';
import { useT } from './hooks';

export function VisitorContext({ conversation }: { conversation: ConversationDetail }) {
  const t = useT();
  const v = conversation.visitor;
  const href = v.page?.url ? safeHref(v.page.url) : undefined;
  const id = v.identity;
  const email = v.contact?.email || id?.email;
  return (
    <section class="side-section" data-testid="visitor-context" aria-labelledby="context-heading">
      <h3 id="context-heading">{t('context.heading')}</h3>
      <dl class="facts">
        <dt>{t('context.page')}</dt>
        <dd>
          {v.page?.url ? (
            href ? (
              <a href={href} target="_blank" rel="noopener noreferrer" class="break">
                {v.page.url}
              </a>
            ) : (
              <span class="break">{v.page.url}</span>
            )
          ) : (
            t('context.unknown')
          )}
        </dd>
        {v.page?.title && (
          <>
            <dt>{t('context.pageTitle')}</dt>
            <dd>{v.page.title}</dd>
          </>
        )}
        <dt>{t('context.locale')}</dt>
        <dd>{v.locale || t('context.unknown')}</dd>
        <dt>{t('context.identity')}</dt>
        <dd>
          {id ? (
            <>
              {[id.name, id.email].filter(Boolean).join(' · ') || id.id}{' '}
              <span class={`badge ${id.verified ? 'ok' : 'warn'}`}>
                {id.verified ? t('context.verified') : t('context.unverified')}
              </span>
            </>
          ) : (
            t('context.anonymous')
          )}
        </dd>
        <dt>{t('context.contact')}</dt>
        <dd class="break">{email || t('context.unknown')}</dd>
        <dt>{t('context.earlier')}</dt>
        <dd data-testid="earlier-count">{t('context.earlierCount', { n: v.earlier?.length ?? 0 })}</dd>
        {conversation.rating && (
          <>
            <dt>{t('context.rating')}</dt>
            <dd>
              {t('context.ratingValue', { score: conversation.rating.score })}
              {conversation.rating.comment ? ` — ${conversation.rating.comment}` : ''}
            </dd>
          </>
        )}
        {v.userAgent && (
          <>
            <dt>{t('context.browser')}</dt>
            <dd class="small break">{v.userAgent}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
