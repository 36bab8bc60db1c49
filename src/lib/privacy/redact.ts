// Replaces personal data in free-text feedback with visible markers before anything is published.
// Detectors read the text as a reader sees it (normalise): invisible characters dropped, Unicode
// compatibility forms folded (full-width digits and '＠', thin and no-break spaces), so an identifier
// typed with them is found like one typed plainly. What is found is replaced in that normalised text;
// a text with nothing found is returned exactly as written. The detectors are in detectors.ts.
import { BEFORE_CHARS, BUILTIN_BY_DIGITS, CANDIDATE, DIGIT, EMAIL_DETECTOR, IBAN_DETECTOR, IBAN_RE, MARKER, SPELLED_AT, SPELLED_EMAIL_DETECTOR, URL_DETECTOR, WRITTEN_AT, acceptIban, type Detector } from './detectors.ts';
import { NEEDS_NORMALISING, normalise } from './normalise.ts';

export interface RedactionOptions {
  names?: string[];
  patterns?: { pattern: string; flags?: string; marker: string }[];
}

export type RedactionKind = 'email' | 'phone' | 'id' | 'iban' | 'card' | 'url' | 'name' | string;

function runDetector(text: string, d: Detector): string {
  const re = d.re;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const len = m[0].length === 0 ? 0 : d.accept(m[0], text.charAt(start + m[0].length), text.slice(Math.max(0, start - BEFORE_CHARS), start));
    if (len > 0) {
      out += text.slice(last, start) + d.marker;
      last = start + len;
      re.lastIndex = last; // rescan what follows a shortened match
    } else {
      re.lastIndex = start + (len < 0 ? -len : 1);
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Applies `f` only to the text between the spans that `re` finds and `keep` keeps (the number of
 * characters kept; 0 or less: not a span), which are left as they are.
 */
function mapOutside(text: string, re: RegExp, keep: (span: string, before: string) => number, f: (s: string) => string): string {
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const n = keep(m[0], text.slice(Math.max(0, m.index - BEFORE_CHARS), m.index));
    if (n <= 0) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out += f(text.slice(last, m.index)) + text.slice(m.index, m.index + n);
    last = re.lastIndex = m.index + n;
  }
  return last === 0 ? f(text) : out + f(text.slice(last));
}

const wholeMatch = (span: string) => span.length;
/** A mistyped IBAN or a creditor reference, kept whole (acceptIban). */
const keptIban = (span: string, before: string) => -acceptIban(span, '', before);

// Only the characters that are syntax in 'u' mode may be escaped there.
function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function compileNames(names: readonly string[]): Detector | null {
  const variants = new Set<string>();
  for (const raw of names) {
    if (typeof raw !== 'string') continue;
    // Matched in normalised text (decomposed letters composed, invisible characters gone), so normalised too.
    const name = normalise(raw).trim();
    if (name !== '') variants.add(name);
  }
  if (variants.size === 0) return null;
  // Longest first so "Matti Meikäläinen" wins over "Matti".
  const alternatives = [...variants]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.split(/\s+/).map(escapeRegExp).join('\\s+'));
  const re = new RegExp(
    `(?<![\\p{L}\\p{M}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{M}\\p{N}_])`,
    'giu',
  );
  return { re, marker: MARKER.name, accept: (c) => c.length };
}

function compilePatterns(patterns: NonNullable<RedactionOptions['patterns']>): Detector[] {
  return patterns.map((p, i) => {
    if (typeof p.marker !== 'string' || p.marker === '') {
      throw new Error(`redaction pattern #${i + 1} (${JSON.stringify(p.pattern)}) needs a non-empty "marker"`);
    }
    // Always global for scanning; sticky would stop at the first non-match.
    const flags = [...new Set(((p.flags ?? '') + 'g').replace(/y/g, ''))].join('');
    let re: RegExp;
    try {
      re = new RegExp(p.pattern, flags);
    } catch (err) {
      throw new Error(
        `redaction pattern #${i + 1} ${JSON.stringify(p.pattern)} with flags ${JSON.stringify(p.flags ?? '')} is not a valid regular expression: ${(err as Error).message}`,
      );
    }
    return { re, marker: p.marker, accept: (c: string) => c.length };
  });
}

/** Compile once per build (options come from config); the returned function is pure and fast (it runs on every comment of million-row files: avoid per-call regex construction, and return the input unchanged quickly when no candidate character pattern is present). */
export function createRedactor(options: RedactionOptions = {}): (text: string) => string {
  const nameDetector = compileNames(options.names ?? []);
  const extra = compilePatterns(options.patterns ?? []);
  const markers = new Set<string>([...Object.values(MARKER), ...extra.map((d) => d.marker)]);
  const markerRe = new RegExp(
    [...markers].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
    'g',
  );
  const allMarkersBracketed = [...markers].every((m) => m.startsWith('['));
  const protect = (text: string, d: Detector): string =>
    allMarkersBracketed && !text.includes('[') ? runDetector(text, d) : mapOutside(text, markerRe, wholeMatch, (s) => runDetector(s, d));

  return (text: string): string => {
    if (typeof text !== 'string' || text === '') return text;
    const plain = NEEDS_NORMALISING.test(text) ? normalise(text) : text;
    const hasCandidate = CANDIDATE.test(plain);
    if (!hasCandidate && nameDetector === null && extra.length === 0) return text;

    let out = plain;
    if (hasCandidate) {
      // URLs first: their query strings may contain e-mails and numbers, all of which go.
      if (out.includes('?')) out = protect(out, URL_DETECTOR);
      if (out.includes('@') || WRITTEN_AT.test(out)) out = protect(out, EMAIL_DETECTOR);
      if (SPELLED_AT.test(out)) out = protect(out, SPELLED_EMAIL_DETECTOR);
      if (DIGIT.test(out)) {
        // Most specific first: IBAN and henkilötunnus before the looser card and phone shapes.
        out = mapOutside(protect(out, IBAN_DETECTOR), IBAN_RE, keptIban, (s) => BUILTIN_BY_DIGITS.reduce(protect, s));
      }
    }
    if (nameDetector !== null) out = protect(out, nameDetector);
    // Operator patterns last, so a built-in kind is never left half-redacted by them.
    for (const d of extra) out = protect(out, d);
    // Nothing found: the text as written, with its no-break spaces and ligatures.
    return out === plain ? text : out;
  };
}

let builtIn: ((text: string) => string) | null = null;
/** The redactor with the built-in detectors only, compiled once. */
export const builtInRedactor = (): ((text: string) => string) => (builtIn ??= createRedactor());
