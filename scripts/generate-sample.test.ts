import { describe, expect, it } from "vitest";
import { csvField, generateSnapshot, SNAPSHOT_NAMES } from "./generate-sample.ts";
import { COMMENTS, PRAISE, STORIES } from "./sample-comments.ts";

/** The rows of a generated snapshot, with the fields this file reads. */
function rowsOf(csv: string) {
  return csv.split("\n").slice(1, -1).map((line) => {
    const fields = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, "").replace(/^"|"$/g, "").replaceAll('""', '"'));
    return { id: fields[0]!, journey: fields[2]!, touchpoint: fields[3]!, nps: Number(fields[6]), emotion: Number(fields[9]), comment: fields[11]! };
  });
}

describe("csvField", () => {
  it("leaves plain text alone and quotes commas and doubled quotes", () => {
    expect(csvField("Noutokoodia ei tullut koskaan.")).toBe("Noutokoodia ei tullut koskaan.");
    expect(csvField("Nopea, ystävällinen")).toBe('"Nopea, ystävällinen"');
    expect(csvField('Tila "noudettavissa"')).toBe('"Tila ""noudettavissa"""');
    expect(csvField(-3)).toBe("-3");
  });
});

describe("generateSnapshot", () => {
  const csv = generateSnapshot(0);
  const lines = csv.split("\n");

  it("is byte-identical on every run", () => {
    expect(generateSnapshot(0)).toBe(csv);
  });

  it("writes the fixed header, LF line endings and one trailing newline", () => {
    expect(lines[0]).toBe(
      "response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment",
    );
    expect(csv).not.toContain("\r");
    expect(csv.endsWith("\n") && !csv.endsWith("\n\n")).toBe(true);
  });

  it("keeps every score on its scale and every date inside the quarter", () => {
    for (const line of lines.slice(1, -1)) {
      const [id, date, , , , , nps, csat, ces, emotion, expectation] = line.split(",");
      expect(id).toMatch(/^R25Q4-\d{6}$/);
      expect(date! >= "2025-10-01" && date! <= "2025-12-31").toBe(true);
      expect(Number(nps)).toBeGreaterThanOrEqual(0);
      expect(Number(nps)).toBeLessThanOrEqual(10);
      expect(Number(csat)).toBeGreaterThanOrEqual(1);
      expect(Number(csat)).toBeLessThanOrEqual(5);
      expect(Number(ces)).toBeGreaterThanOrEqual(1);
      expect(Number(ces)).toBeLessThanOrEqual(7);
      expect(Math.abs(Number(emotion))).toBeLessThanOrEqual(3);
      expect(Math.abs(Number(expectation))).toBeLessThanOrEqual(3);
    }
  });

  it("ties a comment's tone to the respondent's experience: every detractor's comment is a complaint, every promoter's praise", () => {
    const bank = (tone: "neg" | "pos") => Object.values(COMMENTS).flatMap((byTouchpoint) => Object.values(byTouchpoint).flatMap((b) => b[tone]));
    const neg = [...bank("neg"), ...Object.values(STORIES).flatMap((byTouchpoint) => Object.values(byTouchpoint).flat())];
    const pos = [...bank("pos"), ...Object.values(PRAISE).flat()];
    // A few comments end with personal data for redaction to find: the text starts with the bank's.
    const from = (texts: string[], comment: string) => texts.some((text) => comment.startsWith(text));
    let detractors = 0;
    let promoters = 0;
    for (const { nps, comment } of rowsOf(generateSnapshot(3))) {
      if (!comment) continue;
      if (nps <= 6) {
        expect(from(neg, comment), `detractor (NPS ${nps}): ${comment}`).toBe(true);
        detractors++;
      } else if (nps >= 9) {
        expect(from(pos, comment), `promoter (NPS ${nps}): ${comment}`).toBe(true);
        promoters++;
      }
    }
    expect(detractors).toBeGreaterThan(100);
    expect(promoters).toBeGreaterThan(100);
  });

  it("names one snapshot per quarter", () => {
    expect(SNAPSHOT_NAMES).toEqual(["2025-q4", "2026-q1", "2026-q2", "2026-q3"]);
  });
});

describe("the sample's stories", () => {
  const snapshots = SNAPSHOT_NAMES.map((_, quarter) => rowsOf(generateSnapshot(quarter)));

  /** Pearson's r of each touchpoint's emotion with the respondent's mean NPS over the journey, highest first. */
  function drivers(rows: ReturnType<typeof rowsOf>, journey: string): string[] {
    const respondents = new Map<string, { nps: number[]; emotion: Map<string, number> }>();
    for (const row of rows.filter((r) => r.journey === journey)) {
      const r = respondents.get(row.id) ?? respondents.set(row.id, { nps: [], emotion: new Map() }).get(row.id)!;
      r.nps.push(row.nps);
      r.emotion.set(row.touchpoint, row.emotion);
    }
    const touchpoints = [...new Set(rows.filter((r) => r.journey === journey).map((r) => r.touchpoint))];
    const r = (touchpoint: string) => {
      const pairs = [...respondents.values()].filter((p) => p.emotion.has(touchpoint))
        .map((p) => [p.emotion.get(touchpoint)!, p.nps.reduce((a, b) => a + b, 0) / p.nps.length] as const);
      const mean = (i: 0 | 1) => pairs.reduce((sum, p) => sum + p[i], 0) / pairs.length;
      const [mx, my] = [mean(0), mean(1)];
      const s = (f: (p: readonly [number, number]) => number) => pairs.reduce((sum, p) => sum + f(p), 0);
      return s(([x, y]) => (x - mx) * (y - my)) / Math.sqrt(s(([x]) => (x - mx) ** 2) * s(([, y]) => (y - my) ** 2));
    };
    return touchpoints.map((t) => ({ t, r: r(t) })).sort((a, b) => b.r - a.r).map((d) => d.t);
  }

  it("makes the stories' touchpoints the strongest drivers of a respondent's mean NPS, in the snapshots since the complaint handling turned", () => {
    for (const quarter of [2, 3]) {
      const rows = snapshots[quarter]!;
      expect(drivers(rows, "electronics-pickup").slice(0, 2).sort(), `quarter ${quarter}`).toEqual(["desk-handover", "service-desk-queue"]);
      expect(drivers(rows, "washing-machine").slice(0, 2).sort(), `quarter ${quarter}`).toEqual(["complaint-handling", "courier-delivery"]);
      expect(drivers(rows, "group-trip")[0], `quarter ${quarter}`).toBe("mid-trip");
    }
  });

  it("lets detractors tell the story in their own words, far more often than promoters do", () => {
    const stories: Record<string, RegExp> = {
      "electronics-pickup": /jono|odot|valmi/i,
      "washing-machine": /vauri|naarmu|rikki|lommo|damage|dent|scratch|broken|reklamaatio|complaint/i,
      "group-trip": /keski|puoliväli|sade|satoi|retk|mid-|middle|excursion|rain/i,
    };
    for (const quarter of SNAPSHOT_NAMES.keys()) {
      const rows = snapshots[quarter]!;
      for (const [journey, story] of Object.entries(stories)) {
        const share = (group: (nps: number) => boolean) => {
          const comments = rows.filter((r) => r.journey === journey && r.comment && group(r.nps)).map((r) => r.comment);
          return comments.filter((c) => story.test(c)).length / comments.length;
        };
        const [detractors, promoters] = [share((nps) => nps <= 6), share((nps) => nps >= 9)];
        expect(detractors, `${journey} in quarter ${quarter}`).toBeGreaterThan(0.25);
        expect(detractors, `${journey} in quarter ${quarter}`).toBeGreaterThan(3 * promoters);
      }
    }
    const words = new Set(snapshots.flat().flatMap((r) => r.comment.toLowerCase().split(/[^\p{L}]+/u)));
    // Inflected forms, for the themes' stemming to group.
    for (const word of ["jono", "jonossa", "jonoa", "jonotin", "odotin", "odottaa", "vaurioitunut", "naarmu", "reklamaatio", "reklamaatioon", "hyvitys", "hyvitystä"]) {
      expect(words.has(word), word).toBe(true);
    }
  });

  it("comments on a fifth to a third of the ratings, in both languages, a few with personal data for redaction", () => {
    for (const rows of snapshots) {
      const comments = rows.filter((r) => r.comment).map((r) => r.comment);
      expect(comments.length / rows.length).toBeGreaterThan(0.2);
      expect(comments.length / rows.length).toBeLessThan(0.35);
      expect(comments.filter((c) => /@example\.com|040 ?123 ?4567|0401234567/.test(c)).length).toBeGreaterThan(0);
      expect(comments.filter((c) => /\b(the|was|and)\b/i.test(c)).length).toBeGreaterThan(100);
      expect(comments.filter((c) => /[äö]/i.test(c)).length).toBeGreaterThan(100);
    }
  });
});
