-- Polku's per-snapshot aggregate from raw responses, in the long layout that Polku reads as a
-- snapshot (README.md, "Aggregates as input"). One query; run it once per snapshot and write the
-- result as CSV (with a header line) or Parquet into data/snapshots/<snapshot>.csv|.parquet.
--
-- Input: two relations, to be defined before the query runs (views over your tables or files).
--   responses  Polku's long layout as text columns: response_id, submitted_at, journey, touchpoint,
--              channel, segment, nps, csat, ces, emotion, expectation, comment; plus row_order, the
--              row's position in the export (a duplicate rating keeps the first row, as Polku does).
--              In DuckDB:  CREATE VIEW responses AS
--                            SELECT row_number() OVER () AS row_order, *
--                            FROM read_csv('2026-q3.csv', all_varchar = true, header = true);
--   stages     journey, touchpoint, stage: the touchpoints that content/ defines
--              (`npm run stages` writes it as CSV). Only their ratings count as a journey's respondents.
--
-- It applies Polku's row rules for this layout: ids trimmed, journey and touchpoint lower-cased, an
-- empty channel or segment is "unknown"; a row is rejected (and counted by reason) when response_id,
-- journey or touchpoint is empty, submitted_at is not an ISO date (YYYY-MM-DD, a time may follow),
-- a score is not a number, not whole (NPS, CSAT, CES) or outside its scale, the row has no score, or
-- the respondent already rated the touchpoint in an earlier row. Decimal commas are read.
--
-- Portable SQL except for three spots, marked DIALECT below: TRY_CAST (BigQuery: SAFE_CAST; Spark
-- 3.4+: try_cast), days since 1970-01-01 (Spark: datediff(d, DATE '1970-01-01'); BigQuery:
-- UNIX_DATE(d); Trino: date_diff('day', DATE '1970-01-01', d), as here) and the row_order view.
-- Scales: the CTE `scales` holds Polku's defaults; change it if polku.config.jsonc sets others.
WITH
scales AS (
  SELECT 1 AS csat_min, 5 AS csat_max, 1 AS ces_min, 7 AS ces_max,
         -3 AS emotion_min, 3 AS emotion_max, -3 AS expectation_min, 3 AS expectation_max
),
cleaned AS (
  SELECT
    row_order,
    NULLIF(TRIM(response_id), '') AS response_id,
    NULLIF(TRIM(submitted_at), '') AS submitted_text,
    LOWER(COALESCE(TRIM(journey), '')) AS journey,
    LOWER(COALESCE(TRIM(touchpoint), '')) AS touchpoint,
    COALESCE(NULLIF(TRIM(channel), ''), 'unknown') AS channel,
    COALESCE(NULLIF(TRIM(segment), ''), 'unknown') AS segment,
    NULLIF(REPLACE(REPLACE(TRIM(nps), ',', '.'), '−', '-'), '') AS nps_text,
    NULLIF(REPLACE(REPLACE(TRIM(csat), ',', '.'), '−', '-'), '') AS csat_text,
    NULLIF(REPLACE(REPLACE(TRIM(ces), ',', '.'), '−', '-'), '') AS ces_text,
    NULLIF(REPLACE(REPLACE(TRIM(emotion), ',', '.'), '−', '-'), '') AS emotion_text,
    NULLIF(REPLACE(REPLACE(TRIM(expectation), ',', '.'), '−', '-'), '') AS expectation_text,
    CASE WHEN NULLIF(TRIM(comment), '') IS NULL THEN 0 ELSE 1 END AS has_comment
  FROM responses
),
typed AS (
  SELECT
    c.*,
    TRY_CAST(SUBSTR(submitted_text, 1, 10) AS DATE) AS submitted_on,  -- DIALECT: TRY_CAST
    TRY_CAST(nps_text AS DOUBLE) AS nps,
    TRY_CAST(csat_text AS DOUBLE) AS csat,
    TRY_CAST(ces_text AS DOUBLE) AS ces,
    TRY_CAST(emotion_text AS DOUBLE) AS emotion,
    TRY_CAST(expectation_text AS DOUBLE) AS expectation
  FROM cleaned c
),
checked AS (
  SELECT
    t.*,
    CASE
      WHEN response_id IS NULL THEN 'response_id empty'
      WHEN submitted_text IS NOT NULL AND (submitted_on IS NULL OR (LENGTH(submitted_text) > 10 AND SUBSTR(submitted_text, 11, 1) NOT IN ('T', ' '))) THEN 'date not understood'
      WHEN nps_text IS NOT NULL AND nps IS NULL THEN 'nps not a number'
      WHEN nps <> FLOOR(nps) THEN 'nps not a whole number'
      WHEN nps < 0 OR nps > 10 THEN 'nps out of range'
      WHEN csat_text IS NOT NULL AND csat IS NULL THEN 'csat not a number'
      WHEN csat <> FLOOR(csat) THEN 'csat not a whole number'
      WHEN csat < s.csat_min OR csat > s.csat_max THEN 'csat out of range'
      WHEN ces_text IS NOT NULL AND ces IS NULL THEN 'ces not a number'
      WHEN ces <> FLOOR(ces) THEN 'ces not a whole number'
      WHEN ces < s.ces_min OR ces > s.ces_max THEN 'ces out of range'
      WHEN emotion_text IS NOT NULL AND emotion IS NULL THEN 'emotion not a number'
      WHEN emotion < s.emotion_min OR emotion > s.emotion_max THEN 'emotion out of range'
      WHEN expectation_text IS NOT NULL AND expectation IS NULL THEN 'expectation not a number'
      WHEN expectation < s.expectation_min OR expectation > s.expectation_max THEN 'expectation out of range'
      WHEN nps IS NULL AND csat IS NULL AND ces IS NULL AND emotion IS NULL AND expectation IS NULL THEN 'no score'
      WHEN journey = '' THEN 'journey empty'
      WHEN touchpoint = '' THEN 'touchpoint empty'
    END AS problem
  FROM typed t CROSS JOIN scales s
),
valid AS (
  SELECT
    v.*,
    ROW_NUMBER() OVER (PARTITION BY response_id, journey, touchpoint ORDER BY row_order) AS nth
  FROM checked v
  WHERE problem IS NULL
),
accepted AS (
  SELECT
    a.*,
    -- Fractional answers count in the nearest bin, halves away from zero.
    CASE WHEN emotion < 0 THEN -FLOOR(-emotion + 0.5) ELSE FLOOR(emotion + 0.5) END AS emotion_bin,
    CASE WHEN expectation < 0 THEN -FLOOR(-expectation + 0.5) ELSE FLOOR(expectation + 0.5) END AS expectation_bin,
    emotion - expectation AS gap,
    CASE WHEN nps IS NOT NULL THEN emotion END AS pair_x,
    CASE WHEN emotion IS NOT NULL THEN nps END AS pair_y
  FROM valid a
  WHERE nth = 1
),
rejected AS (
  SELECT problem AS reason FROM checked WHERE problem IS NOT NULL
  UNION ALL
  SELECT 'duplicate rating' AS reason FROM valid WHERE nth > 1
),
parts AS (
  SELECT
    journey, touchpoint, channel, segment,
    COUNT(*) AS ratings, SUM(has_comment) AS comments,
    COUNT(nps) AS nps_n, SUM(nps) AS nps_sum, SUM(nps * nps) AS nps_sum_sq,
    COUNT(csat) AS csat_n, SUM(csat) AS csat_sum, SUM(csat * csat) AS csat_sum_sq,
    COUNT(ces) AS ces_n, SUM(ces) AS ces_sum, SUM(ces * ces) AS ces_sum_sq,
    COUNT(emotion) AS emotion_n, SUM(emotion) AS emotion_sum, SUM(emotion * emotion) AS emotion_sum_sq,
    COUNT(expectation) AS expectation_n, SUM(expectation) AS expectation_sum, SUM(expectation * expectation) AS expectation_sum_sq,
    COUNT(gap) AS gap_n, SUM(gap) AS gap_sum, SUM(gap * gap) AS gap_sum_sq,
    COUNT(CASE WHEN nps <= 6 THEN emotion END) AS det_n, SUM(CASE WHEN nps <= 6 THEN emotion END) AS det_sum, SUM(CASE WHEN nps <= 6 THEN emotion * emotion END) AS det_sum_sq,
    COUNT(CASE WHEN nps IN (7, 8) THEN emotion END) AS pas_n, SUM(CASE WHEN nps IN (7, 8) THEN emotion END) AS pas_sum, SUM(CASE WHEN nps IN (7, 8) THEN emotion * emotion END) AS pas_sum_sq,
    COUNT(CASE WHEN nps >= 9 THEN emotion END) AS pro_n, SUM(CASE WHEN nps >= 9 THEN emotion END) AS pro_sum, SUM(CASE WHEN nps >= 9 THEN emotion * emotion END) AS pro_sum_sq,
    COUNT(pair_x) AS pair_n, SUM(pair_x) AS pair_sum_x, SUM(pair_x * pair_x) AS pair_sum_xx,
    SUM(pair_y) AS pair_sum_y, SUM(pair_y * pair_y) AS pair_sum_yy, SUM(pair_x * pair_y) AS pair_sum_xy
  FROM accepted
  GROUP BY journey, touchpoint, channel, segment
),
bins AS (
  SELECT journey, touchpoint, channel, segment, 'nps' AS measure, nps AS score, COUNT(*) AS n FROM accepted WHERE nps IS NOT NULL GROUP BY journey, touchpoint, channel, segment, nps
  UNION ALL
  SELECT journey, touchpoint, channel, segment, 'csat', csat, COUNT(*) FROM accepted WHERE csat IS NOT NULL GROUP BY journey, touchpoint, channel, segment, csat
  UNION ALL
  SELECT journey, touchpoint, channel, segment, 'ces', ces, COUNT(*) FROM accepted WHERE ces IS NOT NULL GROUP BY journey, touchpoint, channel, segment, ces
  UNION ALL
  SELECT journey, touchpoint, channel, segment, 'emotion', emotion_bin, COUNT(*) FROM accepted WHERE emotion IS NOT NULL GROUP BY journey, touchpoint, channel, segment, emotion_bin
  UNION ALL
  SELECT journey, touchpoint, channel, segment, 'expectation', expectation_bin, COUNT(*) FROM accepted WHERE expectation IS NOT NULL GROUP BY journey, touchpoint, channel, segment, expectation_bin
),
rated AS (
  SELECT a.response_id, a.journey, s.stage, a.channel, a.segment
  FROM accepted a JOIN stages s ON LOWER(TRIM(s.journey)) = a.journey AND LOWER(TRIM(s.touchpoint)) = a.touchpoint
),
out_rows AS (
  SELECT 'snapshot' AS kind, NULL AS journey, NULL AS stage, NULL AS touchpoint, NULL AS channel, NULL AS segment,
         'first_day' AS measure, NULL AS score,
         MIN(submitted_on) - DATE '1970-01-01' AS n,  -- DIALECT: days since 1970-01-01
         NULL AS sum, NULL AS sum_sq, NULL AS sum_y, NULL AS sum_yy, NULL AS sum_xy
  FROM accepted HAVING COUNT(submitted_on) > 0
  UNION ALL
  SELECT 'snapshot', NULL, NULL, NULL, NULL, NULL, 'last_day', NULL, MAX(submitted_on) - DATE '1970-01-01', NULL, NULL, NULL, NULL, NULL  -- DIALECT
  FROM accepted HAVING COUNT(submitted_on) > 0
  UNION ALL
  SELECT 'snapshot', NULL, NULL, NULL, NULL, NULL, 'rows_read', NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL FROM responses
  UNION ALL
  SELECT 'snapshot', NULL, NULL, NULL, NULL, NULL, 'accepted', NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL FROM accepted
  UNION ALL
  SELECT 'rejected', NULL, NULL, NULL, NULL, NULL, reason, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL FROM rejected GROUP BY reason
  UNION ALL
  SELECT 'respondents', NULL, NULL, NULL, NULL, NULL, 'respondents', NULL, COUNT(DISTINCT response_id), NULL, NULL, NULL, NULL, NULL FROM rated
  UNION ALL
  SELECT 'respondents', journey, NULL, NULL, NULL, NULL, 'respondents', NULL, COUNT(DISTINCT response_id), NULL, NULL, NULL, NULL, NULL FROM rated GROUP BY journey
  UNION ALL
  SELECT 'respondents', journey, stage, NULL, NULL, NULL, 'respondents', NULL, COUNT(DISTINCT response_id), NULL, NULL, NULL, NULL, NULL FROM rated GROUP BY journey, stage
  UNION ALL
  SELECT 'respondents', journey, NULL, NULL, channel, NULL, 'respondents', NULL, COUNT(DISTINCT response_id), NULL, NULL, NULL, NULL, NULL FROM rated GROUP BY journey, channel
  UNION ALL
  SELECT 'respondents', journey, NULL, NULL, NULL, segment, 'respondents', NULL, COUNT(DISTINCT response_id), NULL, NULL, NULL, NULL, NULL FROM rated GROUP BY journey, segment
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'ratings', NULL, ratings, NULL, NULL, NULL, NULL, NULL FROM parts
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'comments', NULL, comments, NULL, NULL, NULL, NULL, NULL FROM parts WHERE comments > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'nps', NULL, nps_n, nps_sum, nps_sum_sq, NULL, NULL, NULL FROM parts WHERE nps_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'csat', NULL, csat_n, csat_sum, csat_sum_sq, NULL, NULL, NULL FROM parts WHERE csat_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'ces', NULL, ces_n, ces_sum, ces_sum_sq, NULL, NULL, NULL FROM parts WHERE ces_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'emotion', NULL, emotion_n, emotion_sum, emotion_sum_sq, NULL, NULL, NULL FROM parts WHERE emotion_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'expectation', NULL, expectation_n, expectation_sum, expectation_sum_sq, NULL, NULL, NULL FROM parts WHERE expectation_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'gap', NULL, gap_n, gap_sum, gap_sum_sq, NULL, NULL, NULL FROM parts WHERE gap_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'emotion_detractor', NULL, det_n, det_sum, det_sum_sq, NULL, NULL, NULL FROM parts WHERE det_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'emotion_passive', NULL, pas_n, pas_sum, pas_sum_sq, NULL, NULL, NULL FROM parts WHERE pas_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'emotion_promoter', NULL, pro_n, pro_sum, pro_sum_sq, NULL, NULL, NULL FROM parts WHERE pro_n > 0
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, 'emotion_nps', NULL, pair_n, pair_sum_x, pair_sum_xx, pair_sum_y, pair_sum_yy, pair_sum_xy FROM parts WHERE pair_n > 0
  UNION ALL
  SELECT 'bin', journey, NULL, touchpoint, channel, segment, measure, score, n, NULL, NULL, NULL, NULL, NULL FROM bins
)
SELECT kind, journey, stage, touchpoint, channel, segment, measure, CAST(score AS INTEGER) AS score, n, sum, sum_sq, sum_y, sum_yy, sum_xy
FROM out_rows
ORDER BY kind, journey, touchpoint, channel, segment, stage, measure, score
