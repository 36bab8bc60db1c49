-- Polku's per-snapshot aggregate from raw responses, in the long layout that Polku reads as a
-- snapshot (README.md, "Aggregates as input"). One query; run it once per snapshot and write the
-- result as CSV (with a header line) or Parquet into data/snapshots/<snapshot>.csv|.parquet.
--
-- This file is a template: a NAME or NAME argument in double braces marks what differs between
-- engines (a safe cast, the types, days since 1970-01-01, the lower median, a 64-bit hash) or a shorthand
-- (CLEAN_NUMBER, GIVEN),
-- and the scales (csat_min … expectation_max) are filled in from polku.config.jsonc.
-- src/lib/ingest/sql-dialects.ts renders it for DuckDB, PostgreSQL, Spark SQL, BigQuery or Trino;
-- `npm run aggregate -- --dialect postgres|spark|bigquery|trino|duckdb` prints the SQL for one.
--
-- Input: two relations, to be defined before the query runs (views over your tables or files).
--   responses  Polku's long layout as text columns: response_id, submitted_at, journey, touchpoint,
--              channel, segment, nps, csat, ces, emotion, expectation, comment; plus row_order, the
--              row's position in the export (a duplicate rating keeps the first row, as Polku does).
--              Each dialect's rendering says how to number the rows in that engine.
--   stages     journey, touchpoint, stage: the touchpoints that content/ defines
--              (`npm run aggregate -- --stages stages.csv` writes it). Only their ratings count as a
--              journey's respondents and key drivers.
--
-- It applies Polku's row rules for this layout: ids trimmed, journey and touchpoint lower-cased, an
-- empty channel or segment is "unknown"; a row is rejected (and counted by reason) when response_id,
-- journey or touchpoint is empty, submitted_at is not an ISO date (YYYY-MM-DD, a time may follow),
-- a score is not a number, not whole (NPS, CSAT, CES) or outside its scale, the row has no score, or
-- the respondent already rated the touchpoint in an earlier row. Decimal commas are read. A row
-- without any score or comment and without an id or a score is an empty response (snapshot `empty`).
--
-- Written for speed in a parallel engine: each row is read once (`checked`), duplicates are found by
-- grouping (the first row_order per respondent and touchpoint) rather than a window, and bins and
-- respondents are grouping sets over the accepted rows. Each output block is a CTE of its own.
WITH
typed AS (
  SELECT
    row_order,
    NULLIF(TRIM(response_id), '') AS response_id,
    NULLIF(TRIM(submitted_at), '') AS submitted_text,
    {{TRY_DATE SUBSTR(NULLIF(TRIM(submitted_at), ''), 1, 10)}} AS submitted_on,
    LOWER(COALESCE(TRIM(journey), '')) AS journey,
    LOWER(COALESCE(TRIM(touchpoint), '')) AS touchpoint,
    COALESCE(NULLIF(TRIM(channel), ''), 'unknown') AS channel,
    COALESCE(NULLIF(TRIM(segment), ''), 'unknown') AS segment,
    -- A score is read as it is; only text that does not read (a decimal comma, a minus sign) is cleaned
    -- and read again, so the common case costs one cast. The raw text says whether a score was given.
    nps AS nps_text, COALESCE({{TRY_DOUBLE nps}}, {{TRY_DOUBLE {{CLEAN_NUMBER nps}}}}) AS nps,
    csat AS csat_text, COALESCE({{TRY_DOUBLE csat}}, {{TRY_DOUBLE {{CLEAN_NUMBER csat}}}}) AS csat,
    ces AS ces_text, COALESCE({{TRY_DOUBLE ces}}, {{TRY_DOUBLE {{CLEAN_NUMBER ces}}}}) AS ces,
    emotion AS emotion_text, COALESCE({{TRY_DOUBLE emotion}}, {{TRY_DOUBLE {{CLEAN_NUMBER emotion}}}}) AS emotion,
    expectation AS expectation_text, COALESCE({{TRY_DOUBLE expectation}}, {{TRY_DOUBLE {{CLEAN_NUMBER expectation}}}}) AS expectation,
    CASE WHEN NULLIF(TRIM(comment), '') IS NULL THEN 0 ELSE 1 END AS has_comment
  FROM responses
),
checked AS (
  -- Only the columns read later: DuckDB holds this relation whole, as it is read several times.
  SELECT
    row_order, response_id, journey, touchpoint, channel, segment, has_comment, submitted_on, nps, csat, ces, emotion, expectation,
    {{KEY_HASH response_id, journey, touchpoint}} AS key_hash,
    CASE
      WHEN response_id IS NULL THEN 'response_id empty'
      WHEN submitted_text IS NOT NULL AND (submitted_on IS NULL OR (LENGTH(submitted_text) > 10 AND SUBSTR(submitted_text, 11, 1) NOT IN ('T', ' '))) THEN 'date not understood'
      WHEN nps IS NULL AND {{GIVEN nps_text}} THEN 'nps not a number'
      WHEN nps <> FLOOR(nps) THEN 'nps not a whole number'
      WHEN nps < 0 OR nps > 10 THEN 'nps out of range'
      WHEN csat IS NULL AND {{GIVEN csat_text}} THEN 'csat not a number'
      WHEN csat <> FLOOR(csat) THEN 'csat not a whole number'
      WHEN csat < {{csat_min}} OR csat > {{csat_max}} THEN 'csat out of range'
      WHEN ces IS NULL AND {{GIVEN ces_text}} THEN 'ces not a number'
      WHEN ces <> FLOOR(ces) THEN 'ces not a whole number'
      WHEN ces < {{ces_min}} OR ces > {{ces_max}} THEN 'ces out of range'
      WHEN emotion IS NULL AND {{GIVEN emotion_text}} THEN 'emotion not a number'
      WHEN emotion < {{emotion_min}} OR emotion > {{emotion_max}} THEN 'emotion out of range'
      WHEN expectation IS NULL AND {{GIVEN expectation_text}} THEN 'expectation not a number'
      WHEN expectation < {{expectation_min}} OR expectation > {{expectation_max}} THEN 'expectation out of range'
      WHEN nps IS NULL AND csat IS NULL AND ces IS NULL AND emotion IS NULL AND expectation IS NULL THEN 'no score'
      WHEN journey = '' THEN 'journey empty'
      WHEN touchpoint = '' THEN 'touchpoint empty'
    END AS problem,
    -- No score and no comment: with no id or no score such a row is an empty response (neither
    -- accepted nor rejected: nothing was lost), as in Polku.
    CASE WHEN has_comment = 0 AND nps IS NULL AND csat IS NULL AND ces IS NULL AND emotion IS NULL AND expectation IS NULL
      AND NOT ({{GIVEN nps_text}} OR {{GIVEN csat_text}} OR {{GIVEN ces_text}} OR {{GIVEN emotion_text}} OR {{GIVEN expectation_text}}) THEN 1 ELSE 0 END AS blank
  FROM typed t
),
tally AS (
  -- Every row counted once, by its problem (NULL: valid) and whether it is blank.
  SELECT problem, blank, COUNT(*) AS n FROM checked GROUP BY problem, blank
),
candidates AS (
  -- Keys whose hash is seen more than once: every repeated rating among them, found by grouping one
  -- 8-byte hash per row rather than three texts (most exports have no repeated rating, and a hash that
  -- collides only adds a candidate, checked in full below).
  SELECT key_hash FROM checked WHERE problem IS NULL GROUP BY key_hash HAVING COUNT(*) > 1
),
repeated AS (
  -- Ratings given in more than one row: the first row of each counts.
  SELECT response_id, journey, touchpoint, MIN(row_order) AS first_row, COUNT(*) - 1 AS later_rows
  FROM checked WHERE problem IS NULL AND key_hash IN (SELECT key_hash FROM candidates)
  GROUP BY response_id, journey, touchpoint HAVING COUNT(*) > 1
),
accepted AS (
  SELECT c.response_id, c.journey, c.touchpoint, c.channel, c.segment, c.has_comment, c.submitted_on, c.nps, c.csat, c.ces, c.emotion, c.expectation
  FROM checked c
  LEFT JOIN repeated r ON r.response_id = c.response_id AND r.journey = c.journey AND r.touchpoint = c.touchpoint
  WHERE c.problem IS NULL AND (r.first_row IS NULL OR c.row_order = r.first_row)
),
rejected AS (
  SELECT problem AS reason, SUM(n) AS n FROM tally WHERE problem IS NOT NULL AND NOT (blank = 1 AND problem IN ('response_id empty', 'no score')) GROUP BY problem
  UNION ALL
  SELECT 'duplicate rating', SUM(later_rows) FROM repeated HAVING COUNT(*) > 0
),
profiles AS (
  -- The accepted ratings grouped by cell and their five scores as given, each group with its count and
  -- comments: far fewer rows than ratings, and every cell statistic and bin is a sum over them.
  SELECT journey, touchpoint, channel, segment, nps, csat, ces, emotion, expectation, COUNT(*) AS n, SUM(has_comment) AS comments
  FROM accepted
  GROUP BY journey, touchpoint, channel, segment, nps, csat, ces, emotion, expectation
),
parts AS (
  -- A score's answers are the ratings of the groups that have it; its sums are of the score times the group's count.
  SELECT
    journey, touchpoint, channel, segment,
    SUM(n) AS ratings, SUM(comments) AS comments,
    SUM(CASE WHEN nps IS NOT NULL THEN n END) AS nps_n, SUM(n * nps) AS nps_sum, SUM(n * nps * nps) AS nps_sum_sq,
    SUM(CASE WHEN csat IS NOT NULL THEN n END) AS csat_n, SUM(n * csat) AS csat_sum, SUM(n * csat * csat) AS csat_sum_sq,
    SUM(CASE WHEN ces IS NOT NULL THEN n END) AS ces_n, SUM(n * ces) AS ces_sum, SUM(n * ces * ces) AS ces_sum_sq,
    SUM(CASE WHEN emotion IS NOT NULL THEN n END) AS emotion_n, SUM(n * emotion) AS emotion_sum, SUM(n * emotion * emotion) AS emotion_sum_sq,
    SUM(CASE WHEN expectation IS NOT NULL THEN n END) AS expectation_n, SUM(n * expectation) AS expectation_sum, SUM(n * expectation * expectation) AS expectation_sum_sq,
    SUM(CASE WHEN gap IS NOT NULL THEN n END) AS gap_n, SUM(n * gap) AS gap_sum, SUM(n * gap * gap) AS gap_sum_sq,
    SUM(CASE WHEN nps <= 6 AND emotion IS NOT NULL THEN n END) AS det_n, SUM(CASE WHEN nps <= 6 THEN n * emotion END) AS det_sum, SUM(CASE WHEN nps <= 6 THEN n * emotion * emotion END) AS det_sum_sq,
    SUM(CASE WHEN nps IN (7, 8) AND emotion IS NOT NULL THEN n END) AS pas_n, SUM(CASE WHEN nps IN (7, 8) THEN n * emotion END) AS pas_sum, SUM(CASE WHEN nps IN (7, 8) THEN n * emotion * emotion END) AS pas_sum_sq,
    SUM(CASE WHEN nps >= 9 AND emotion IS NOT NULL THEN n END) AS pro_n, SUM(CASE WHEN nps >= 9 THEN n * emotion END) AS pro_sum, SUM(CASE WHEN nps >= 9 THEN n * emotion * emotion END) AS pro_sum_sq,
    SUM(CASE WHEN pair_x IS NOT NULL THEN n END) AS pair_n, SUM(n * pair_x) AS pair_sum_x, SUM(n * pair_x * pair_x) AS pair_sum_xx,
    SUM(n * pair_y) AS pair_sum_y, SUM(n * pair_y * pair_y) AS pair_sum_yy, SUM(n * pair_x * pair_y) AS pair_sum_xy
  FROM (
    SELECT p.*, emotion - expectation AS gap,
      CASE WHEN nps IS NOT NULL THEN emotion END AS pair_x, CASE WHEN emotion IS NOT NULL THEN nps END AS pair_y
    FROM profiles p
  ) r
  GROUP BY journey, touchpoint, channel, segment
),
bins AS (
  -- One pass: a grouping set per score (fractional answers in the nearest bin, halves away from zero);
  -- the score of the other sets is NULL in each row.
  SELECT journey, touchpoint, channel, segment,
    CASE WHEN GROUPING(nps) = 0 THEN 'nps' WHEN GROUPING(csat) = 0 THEN 'csat' WHEN GROUPING(ces) = 0 THEN 'ces'
         WHEN GROUPING(emotion_bin) = 0 THEN 'emotion' ELSE 'expectation' END AS measure,
    COALESCE(nps, csat, ces, emotion_bin, expectation_bin) AS score, SUM(n) AS n
  FROM (
    SELECT journey, touchpoint, channel, segment, nps, csat, ces, n,
      CASE WHEN emotion < 0 THEN -FLOOR(-emotion + 0.5) ELSE FLOOR(emotion + 0.5) END AS emotion_bin,
      CASE WHEN expectation < 0 THEN -FLOOR(-expectation + 0.5) ELSE FLOOR(expectation + 0.5) END AS expectation_bin
    FROM profiles
  ) r
  GROUP BY GROUPING SETS (
    (journey, touchpoint, channel, segment, nps), (journey, touchpoint, channel, segment, csat), (journey, touchpoint, channel, segment, ces),
    (journey, touchpoint, channel, segment, emotion_bin), (journey, touchpoint, channel, segment, expectation_bin)
  )
),
cell_rows AS (
  -- The parts unpivoted: one row per statistic, in one pass over `parts`.
  SELECT p.journey, p.touchpoint, p.channel, p.segment, m.measure,
    CASE m.measure
      WHEN 'ratings' THEN p.ratings WHEN 'comments' THEN p.comments
      WHEN 'nps' THEN p.nps_n WHEN 'csat' THEN p.csat_n WHEN 'ces' THEN p.ces_n WHEN 'emotion' THEN p.emotion_n
      WHEN 'expectation' THEN p.expectation_n WHEN 'gap' THEN p.gap_n WHEN 'emotion_detractor' THEN p.det_n
      WHEN 'emotion_passive' THEN p.pas_n WHEN 'emotion_promoter' THEN p.pro_n ELSE p.pair_n
    END AS n,
    CASE m.measure
      WHEN 'nps' THEN p.nps_sum WHEN 'csat' THEN p.csat_sum WHEN 'ces' THEN p.ces_sum WHEN 'emotion' THEN p.emotion_sum
      WHEN 'expectation' THEN p.expectation_sum WHEN 'gap' THEN p.gap_sum WHEN 'emotion_detractor' THEN p.det_sum
      WHEN 'emotion_passive' THEN p.pas_sum WHEN 'emotion_promoter' THEN p.pro_sum WHEN 'emotion_nps' THEN p.pair_sum_x
    END AS sum,
    CASE m.measure
      WHEN 'nps' THEN p.nps_sum_sq WHEN 'csat' THEN p.csat_sum_sq WHEN 'ces' THEN p.ces_sum_sq WHEN 'emotion' THEN p.emotion_sum_sq
      WHEN 'expectation' THEN p.expectation_sum_sq WHEN 'gap' THEN p.gap_sum_sq WHEN 'emotion_detractor' THEN p.det_sum_sq
      WHEN 'emotion_passive' THEN p.pas_sum_sq WHEN 'emotion_promoter' THEN p.pro_sum_sq WHEN 'emotion_nps' THEN p.pair_sum_xx
    END AS sum_sq,
    CASE WHEN m.measure = 'emotion_nps' THEN p.pair_sum_y END AS sum_y,
    CASE WHEN m.measure = 'emotion_nps' THEN p.pair_sum_yy END AS sum_yy,
    CASE WHEN m.measure = 'emotion_nps' THEN p.pair_sum_xy END AS sum_xy
  FROM parts p
  CROSS JOIN (
    SELECT 'ratings' AS measure UNION ALL SELECT 'comments' UNION ALL SELECT 'nps' UNION ALL SELECT 'csat'
    UNION ALL SELECT 'ces' UNION ALL SELECT 'emotion' UNION ALL SELECT 'expectation' UNION ALL SELECT 'gap'
    UNION ALL SELECT 'emotion_detractor' UNION ALL SELECT 'emotion_passive' UNION ALL SELECT 'emotion_promoter' UNION ALL SELECT 'emotion_nps'
  ) m
),
respondents AS (
  -- Distinct people per scope, counting only touchpoints content defines; one pass with grouping sets
  -- (journey, stage and channel are never NULL here, so a NULL marks a level above).
  SELECT a.journey, s.stage, a.channel, a.segment, COUNT(DISTINCT a.response_id) AS n
  FROM accepted a
  JOIN stages s ON LOWER(TRIM(s.journey)) = a.journey AND LOWER(TRIM(s.touchpoint)) = a.touchpoint
  GROUP BY GROUPING SETS ((), (a.journey), (a.journey, s.stage), (a.journey, a.channel), (a.journey, a.segment))
),
driver_ratings AS (
  -- Key drivers (src/lib/stats/driver-moments.ts), as Polku's ingest computes them for this layout:
  -- the outcome is the mean of a respondent's NPS answers in the journey, the predictor emotion at each
  -- touchpoint; only ratings at touchpoints content defines count (a stage listed twice counts once).
  SELECT a.response_id, a.journey, a.touchpoint, a.nps, a.emotion
  FROM accepted a
  JOIN (SELECT DISTINCT LOWER(TRIM(journey)) AS journey, LOWER(TRIM(touchpoint)) AS touchpoint FROM stages) d
    ON d.journey = a.journey AND d.touchpoint = a.touchpoint
),
driver_outcomes AS (
  -- A respondent's stratum is their number of NPS answers in the journey; the outcome's sums are of
  -- their sum (whole numbers, exact in any engine), made means in Polku.
  SELECT response_id, journey, COUNT(nps) AS answers, SUM(nps) AS nps_sum FROM driver_ratings GROUP BY response_id, journey
),
driver_values AS (
  -- Each respondent's variables: emotion at a touchpoint, and the outcome (is_outcome 1: after every touchpoint).
  SELECT r.response_id, r.journey, o.answers, 0 AS is_outcome, r.touchpoint AS variable, r.emotion AS value
  FROM driver_ratings r
  JOIN driver_outcomes o ON o.response_id = r.response_id AND o.journey = r.journey
  WHERE r.emotion IS NOT NULL
  UNION ALL
  SELECT response_id, journey, answers, 1, '', nps_sum FROM driver_outcomes WHERE answers > 0
),
driver_pairs AS (
  -- Every pair of variables a respondent answered both of (the same one twice included), once: pairwise deletion.
  SELECT x.journey, x.answers, x.is_outcome AS x_outcome, x.variable AS x_variable, y.is_outcome AS y_outcome, y.variable AS y_variable,
    COUNT(*) AS n, SUM(x.value) AS sum_x, SUM(x.value * x.value) AS sum_xx,
    SUM(y.value) AS sum_y, SUM(y.value * y.value) AS sum_yy, SUM(x.value * y.value) AS sum_xy
  FROM driver_values x
  JOIN driver_values y ON y.response_id = x.response_id AND y.journey = x.journey
    AND (x.is_outcome < y.is_outcome OR (x.is_outcome = y.is_outcome AND x.variable <= y.variable))
  GROUP BY x.journey, x.answers, x.is_outcome, x.variable, y.is_outcome, y.variable
),
totals AS (
  SELECT
    {{DAYS MIN(submitted_on)}} AS first_day,
    {{DAYS MAX(submitted_on)}} AS last_day,
    {{DAYS {{LOWER_MEDIAN submitted_on}}}} AS median_day,  -- the lower median orders snapshots
    COUNT(*) AS accepted
  FROM accepted
),
out_rows AS (
  -- The first block names the columns and their types (a bare NULL has none in some engines).
  SELECT 'snapshot' AS kind, CAST(NULL AS {{TEXT}}) AS journey, CAST(NULL AS {{TEXT}}) AS stage, CAST(NULL AS {{TEXT}}) AS touchpoint,
         CAST(NULL AS {{TEXT}}) AS channel, CAST(NULL AS {{TEXT}}) AS segment, 'first_day' AS measure, CAST(NULL AS {{DOUBLE}}) AS score, first_day AS n,
         CAST(NULL AS {{DOUBLE}}) AS sum, CAST(NULL AS {{DOUBLE}}) AS sum_sq, CAST(NULL AS {{DOUBLE}}) AS sum_y, CAST(NULL AS {{DOUBLE}}) AS sum_yy, CAST(NULL AS {{DOUBLE}}) AS sum_xy
  FROM totals WHERE first_day IS NOT NULL
  UNION ALL
  SELECT 'snapshot', NULL, NULL, NULL, NULL, NULL, 'last_day', NULL, last_day, NULL, NULL, NULL, NULL, NULL FROM totals WHERE last_day IS NOT NULL
  UNION ALL
  SELECT 'snapshot', NULL, NULL, NULL, NULL, NULL, 'median_day', NULL, median_day, NULL, NULL, NULL, NULL, NULL FROM totals WHERE median_day IS NOT NULL
  UNION ALL
  SELECT 'snapshot', NULL, NULL, NULL, NULL, NULL, 'accepted', NULL, accepted, NULL, NULL, NULL, NULL, NULL FROM totals
  UNION ALL
  SELECT 'snapshot', NULL, NULL, NULL, NULL, NULL, 'rows_read', NULL, SUM(n), NULL, NULL, NULL, NULL, NULL FROM tally
  UNION ALL
  SELECT 'snapshot', NULL, NULL, NULL, NULL, NULL, 'empty', NULL, COALESCE(SUM(n), 0), NULL, NULL, NULL, NULL, NULL FROM tally WHERE blank = 1 AND problem IN ('response_id empty', 'no score')
  UNION ALL
  SELECT 'rejected', NULL, NULL, NULL, NULL, NULL, reason, NULL, n, NULL, NULL, NULL, NULL, NULL FROM rejected
  UNION ALL
  SELECT 'respondents', journey, stage, NULL, channel, segment, 'respondents', NULL, n, NULL, NULL, NULL, NULL, NULL FROM respondents
  UNION ALL
  SELECT 'cell', journey, NULL, touchpoint, channel, segment, measure, NULL, n, sum, sum_sq, sum_y, sum_yy, sum_xy FROM cell_rows WHERE n > 0
  UNION ALL
  SELECT 'bin', journey, NULL, touchpoint, channel, segment, measure, score, n, NULL, NULL, NULL, NULL, NULL FROM bins WHERE score IS NOT NULL
  UNION ALL
  -- A pair's variables in touchpoint and measure: a touchpoint, or empty for the outcome; score is the stratum.
  SELECT 'driver', journey, NULL, CASE WHEN x_outcome = 1 THEN NULL ELSE x_variable END, NULL, NULL,
         CASE WHEN y_outcome = 1 THEN NULL ELSE y_variable END, answers, n, sum_x, sum_xx, sum_y, sum_yy, sum_xy
  FROM driver_pairs
)
SELECT kind, journey, stage, touchpoint, channel, segment, measure, CAST(score AS {{INTEGER}}) AS score, n, sum, sum_sq, sum_y, sum_yy, sum_xy
FROM out_rows
ORDER BY kind, journey, touchpoint, channel, segment, stage, measure, score
