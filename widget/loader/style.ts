// Styles for the shadow root as a constructable stylesheet (adoptedStyleSheets): not an
// inline <style>, so a page whose Content-Security-Policy forbids inline styles (no
// 'unsafe-inline' in style-src) still styles the widget. Older browsers get a <style>.

export function adoptStyles(root: ShadowRoot, css: string): void {
  const r = root as ShadowRoot & { adoptedStyleSheets?: CSSStyleSheet[] };
  try {
    if (r.adoptedStyleSheets) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      r.adoptedStyleSheets = [...r.adoptedStyleSheets, sheet];
      return;
    }
  } catch {
    // No constructable stylesheets here (Safari < 16.4): fall through to <style>.
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.prepend(style);
}
