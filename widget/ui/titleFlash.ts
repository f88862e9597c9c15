// While the page is hidden and messages are unread, the tab title alternates with
// "(n) New message"; it is restored as soon as the page is visible or nothing is unread.

export function titleFlasher(doc: Document, text: (n: number) => string) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let saved = '';
  let flash = '';
  let on = false;
  const stop = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    doc.title = saved;
  };
  return {
    update(unread: number) {
      if (!doc.hidden || unread <= 0) return stop();
      flash = text(unread);
      if (timer === undefined) {
        saved = doc.title;
        timer = setInterval(() => {
          on = !on;
          doc.title = on ? flash : saved;
        }, 1000);
      }
      on = true;
      doc.title = flash;
    },
    stop,
  };
}
