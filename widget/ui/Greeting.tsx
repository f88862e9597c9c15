// The site's proactive greeting beside the launcher (settings.greeting, after greetingDelay).

import { strings as s } from './strings';

export function Greeting(props: { text: string; onOpen: () => void; onDismiss: () => void }) {
  return (
    <div class="greet" role="status" data-testid="heed-greeting">
      <button type="button" class="gt" onClick={props.onOpen}>{props.text}</button>
      <button type="button" class="gx" aria-label={s.greetingDismiss} onClick={props.onDismiss}>×</button>
    </div>
  );
}
