/// <reference types="astro/client" />
declare namespace App {
  interface Locals {
    /** Set by a playbook page, so the MDX components in it default to its touchpoint. */
    playbook?: { journey: string; touchpoint: string };
  }
}

// Plain `tsc` does not read .astro files; Astro compiles them. Components imported from .ts files
// are typed loosely here.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}

// The Polku integration's module for pages (src/integration/virtual-model.ts).
declare module 'virtual:polku/model' {
  export const model: import('./lib/model/site-model.ts').SiteModel;
  /** Snapshots whose touchpoint reports and open data are kept from the previous build. */
  export const keptPages: string[];
  /** Report pages link their PDF (`npm run pdf`). */
  export const pdf: boolean;
}
