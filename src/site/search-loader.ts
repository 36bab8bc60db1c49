// The inline script that loads Pagefind's component UI on first use (see SearchBox.astro): pages
// other than the search page ship this (about 1 KB) instead of Pagefind's 184 KB.

export interface SearchLoaderOptions {
  /** Addresses of Pagefind's component UI, with the site's base. */
  js: string;
  css: string;
  /** Load at once rather than when the header's box is first focused. */
  eager: boolean;
}

/**
 * The script's text. It expects the header's form (#site-search-form) and the hidden Pagefind box
 * (#site-search-box) before it. When Pagefind's box has drawn its input, the box replaces the form,
 * taking the words typed so far (and searching them) and the focus.
 */
export function searchLoader({ js, css, eager }: SearchLoaderOptions): string {
  // A string in the script: "</script>" in an address (a base path is the site builder's text) cannot close it.
  const literal = (text: string) => JSON.stringify(text).replace(/</g, '\\u003c');
  return `(() => {
  const form = document.getElementById('site-search-form'), box = document.getElementById('site-search-box'), field = form.querySelector('input');
  let loading = false;
  function load() {
    if (loading) return;
    loading = true;
    const style = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: ${literal(css)} });
    const styled = new Promise((done) => { style.onload = style.onerror = done; });
    document.head.append(style, Object.assign(document.createElement('script'), { type: 'module', src: ${literal(js)} }));
    customElements.whenDefined('pagefind-searchbox').then(async () => {
      let input = null;
      for (let frames = 0; frames < 600 && !input; frames++) {
        await new Promise(requestAnimationFrame);
        input = box.querySelector('pagefind-searchbox input');
      }
      await styled;
      if (!input) return;
      const focused = document.activeElement === field;
      box.hidden = false;
      form.hidden = true;
      if (field.value) {
        input.value = field.value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      if (focused) input.focus();
    });
  }
  field.addEventListener('focus', load);
  // Pagefind's "/" shortcut, until Pagefind is there to take it.
  addEventListener('keydown', (event) => {
    if (event.key === '/' && !loading && !event.target.closest('input, textarea, select, [contenteditable]')) {
      event.preventDefault();
      field.focus();
    }
  });${eager ? '\n  load();' : ''}
})();`;
}
