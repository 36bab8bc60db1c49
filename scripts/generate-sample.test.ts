import { describe, expect, it } from "vitest";
import { COMMENTS, csvField, generateSnapshot, SNAPSHOT_NAMES } from "./generate-sample.ts";

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
    const [neg, pos] = [bank("neg"), bank("pos")];
    // A few comments end with personal data for redaction to find: the text starts with the bank's.
    const from = (texts: string[], comment: string) => texts.some((text) => comment.startsWith(text));
    let detractors = 0;
    let promoters = 0;
    for (const line of generateSnapshot(3).split("\n").slice(1, -1)) {
      const fields = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, "").replace(/^"|"$/g, "").replaceAll('""', '"'));
      const [nps, comment] = [Number(fields[6]), fields[11]!];
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
