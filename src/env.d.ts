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
