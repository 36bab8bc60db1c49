// Turns ids from data into URL path segments only if they are already safe; never rewrites them.

export class SlugError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlugError';
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_LENGTH = 80;

/**
 * Returns the trimmed, lowercased id when it is an allow-listed slug; throws SlugError otherwise.
 * Allow-list instead of sanitising: rewriting ("ä" → "a", " " → "-") could make two ids collide
 * or silently change published URLs, and anything outside [a-z0-9-] (., /, \, %, NUL) is how
 * path traversal gets in. `what` names the field in the error, e.g. "touchpoint id".
 */
export function toSlug(id: string, what: string): string {
  const raw = typeof id === 'string' ? id : String(id);
  const slug = raw.trim().toLowerCase();
  if (slug.length > 0 && slug.length <= MAX_LENGTH && SLUG.test(slug)) return slug;

  const reason =
    slug.length === 0
      ? 'it is empty'
      : slug.length > MAX_LENGTH
        ? `it is ${slug.length} characters long (at most ${MAX_LENGTH} allowed)`
        : 'it contains characters or hyphen placement that are not allowed';
  throw new SlugError(
    `Invalid ${what} ${JSON.stringify(raw)}: ${reason}. ` +
      `It is used as a URL path segment, so it may contain only letters a-z, digits 0-9 and single hyphens between them ` +
      `(no spaces, dots, slashes, percent signs or accented letters such as ä/ö/å; no leading or trailing hyphen; uppercase is lowercased). ` +
      `Fix the ${what} in the source data, e.g. "asiakaspalvelu-puhelin".`,
  );
}
