// Phones (≤ 480 px, full-screen panel): the on-screen keyboard shrinks the visual viewport,
// not the layout one, so the panel follows visualViewport to keep the composer above it.
// Returns the function that stops following.

export function followVisualViewport(el: HTMLElement): () => void {
  const vv = window.visualViewport;
  if (!vv) return () => {};
  const fit = () => {
    el.style.setProperty('--vvh', `${vv.height}px`);
    el.style.setProperty('--vvt', `${vv.offsetTop}px`);
  };
  fit();
  vv.addEventListener('resize', fit);
  vv.addEventListener('scroll', fit);
  return () => {
    vv.removeEventListener('resize', fit);
    vv.removeEventListener('scroll', fit);
  };
}
