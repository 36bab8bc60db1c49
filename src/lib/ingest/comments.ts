// The sample of comments kept per touchpoint: the same on every build and however the file was read.
import { npsGroup, type NpsGroup, type RatingScores } from '../stats/aggregate.ts';
import { COMMENTS_PER_GROUP, type CommentSample } from './types.ts';
import { detach } from '../common/detach.ts';
import { placeholderPattern, type Mapping } from '../project/mapping.ts';

/** Why a comment is not worth quoting: the tool's placeholder text, or too short to say anything. */
export type DroppedComment = 'placeholderComments' | 'shortComments';

/**
 * Which comments are not worth quoting, by the mapping's "commentPlaceholders" (patterns matched
 * against the whole trimmed comment, ignoring case) and "minCommentChars" (characters, not UTF-16
 * units); null for a comment to keep. Compiled once per read.
 */
export function commentFilter(mapping: Pick<Mapping, 'commentPlaceholders' | 'minCommentChars'>): (text: string) => DroppedComment | null {
  const placeholders = mapping.commentPlaceholders.map((p) => placeholderPattern(p)!);
  const min = mapping.minCommentChars;
  // A text of 2·min UTF-16 units has at least min characters: only shorter ones are counted out.
  const short = (text: string) => text.length < min || (text.length < 2 * min && [...text].length < min);
  return (text) => (placeholders.some((p) => p.test(text)) ? 'placeholderComments' : short(text) ? 'shortComments' : null);
}

/** A comment in a sample, with its priority and its line (which orders equal priorities). */
export type SampledComment = CommentSample & { priority: number; line: number };

/** Per group, by priority, then line. */
export type SampledComments = Record<NpsGroup | 'none', SampledComment[]>;

const before = (a: SampledComment, b: SampledComment) => a.priority < b.priority || (a.priority === b.priority && a.line < b.line);

/**
 * Keeps the comments with the smallest priorities (a hash of the respondent and touchpoint): a sample
 * that is the same on every build, unbiased by the file's order, and bounded in size. Only a comment
 * that enters the sample is redacted, and only the redacted text is kept. Once a group is full, most
 * comments are turned away by one comparison with its last.
 */
export function sampleComment(sample: SampledComments, text: string, scores: RatingScores, priority: number, line: number, redact: (text: string) => string): void {
  const group = scores.nps === null ? null : npsGroup(scores.nps);
  const kept = sample[group ?? 'none'];
  // A read's lines only grow: a comment of equal priority comes after the kept one.
  if (kept.length >= COMMENTS_PER_GROUP && priority >= kept[kept.length - 1]!.priority) return;
  keepComment(sample, { text: detach(redact(text)), group, emotion: scores.emotion, priority, line });
}

/**
 * Adds a comment to the sample if it comes before the last kept, by (priority, line): so a sample
 * merged from reads of halves or passes, in any order, is the sample of a read of the whole.
 */
export function keepComment(sample: SampledComments, comment: SampledComment): void {
  const kept = sample[comment.group ?? 'none'];
  if (kept.length >= COMMENTS_PER_GROUP) {
    if (!before(comment, kept[kept.length - 1]!)) return;
    kept.pop();
  }
  let at = kept.length;
  while (at > 0 && before(comment, kept[at - 1]!)) at--;
  kept.splice(at, 0, comment);
}

export function keptComments(sample: SampledComments): CommentSample[] {
  return Object.values(sample)
    .flat()
    .sort((a, b) => a.priority - b.priority || a.line - b.line)
    .map(({ priority: _p, line: _l, ...comment }) => comment);
}

export const emptyComments = (): SampledComments => ({ detractor: [], passive: [], promoter: [], none: [] });
