import { describe, expect, it } from 'vitest';
import { searchLoader } from './search-loader.ts';

describe('searchLoader', () => {
  it('writes its addresses as string literals that cannot close the script', () => {
    const base = '/x</script><script>alert(1)</script>/';
    const script = searchLoader({ js: `${base}pagefind/pagefind-component-ui.js`, css: `${base}pagefind/pagefind-component-ui.css`, eager: false });
    expect(script).not.toMatch(/<\/script/i);
    // The browser reads \u003c back as "<": the address is unchanged.
    expect(script).toContain(JSON.stringify(`${base}pagefind/pagefind-component-ui.js`).replace(/</g, '\\u003c'));
  });
});
