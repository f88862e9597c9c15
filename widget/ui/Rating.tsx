// CSAT after a person closed the chat: a 1–5 score (radio buttons, so arrow keys work)
// and an optional comment, sent as the protocol's `rate` frame.

import { fmt, strings as s } from './strings';

export function Rating(props: { rated: boolean; score: number; onScore: (n: number) => void; onRate: (score: number, comment: string) => void }) {
  const { score } = props;
  if (props.rated) return <p class="thanks" role="status" data-testid="heed-rated">{s.rateThanks}</p>;
  return (
    <form
      class="rate"
      data-testid="heed-rating"
      onSubmit={(e) => {
        e.preventDefault();
        if (score) props.onRate(score, String(new FormData(e.currentTarget).get('comment') ?? ''));
      }}
    >
      <fieldset>
        <legend>{s.rateTitle}</legend>
        <div class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= score ? 'on' : ''}>
              <input type="radio" name="score" value={n} checked={n === score} onChange={() => props.onScore(n)} aria-label={fmt(s.rateScore, { n })} />
              <span aria-hidden="true">★</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label class="cm">
        {s.rateComment}
        <textarea name="comment" rows={2} maxLength={2000} />
      </label>
      <button type="submit" class="send" data-testid="heed-rate-send" disabled={!score}>{s.rateSend}</button>
    </form>
  );
}
