// The survey tools whose exports `npm run init` recognises from their header: how many header lines
// each writes, which columns hold the respondent id and the time of the answer, and which columns
// are the tool's own metadata (ignored on purpose) or personal data (never mapped to anything
// published). Each structure is taken from the source named in `source`; where no documentation
// was found, `source` says so.

export interface Preset {
  id: 'qualtrics' | 'surveymonkey' | 'google-forms' | 'microsoft-forms' | 'webropol';
  name: string;
  /** Where the structure comes from, written into the generated mapping's comment. */
  source: string;
  /** Whether a header (first line) and the lines after it are this tool's. */
  matches(header: string[], next: string[][]): boolean;
  /** Lines of header, given the lines after the first. */
  headerRows(next: string[][]): number;
  responseId?: RegExp;
  submittedAt?: RegExp;
  /** The tool's own metadata: listed as ignored on purpose. */
  metadata: RegExp;
  /** Columns holding who answered or where from: never mapped. */
  personal: RegExp;
}

const has = (header: string[], name: string) => header.some((h) => h.trim().toLowerCase() === name.toLowerCase());
const trimmed = (h: string) => h.trim();

export const PRESETS: Preset[] = [
  {
    id: 'qualtrics',
    name: 'Qualtrics',
    source:
      'Qualtrics "Export Data" CSV: line 1 column names, line 2 question texts, line 3 import ids like {"ImportId":"QID1"} ' +
      '(as described for Qualtrics CSV downloads in the R package kutils, importQualtrics: https://search.r-project.org/CRAN/refmans/kutils/html/importQualtrics.html; ' +
      'and qualtRics, read_survey: https://rdrr.io/cran/qualtRics/man/readSurvey.html); legacy exports have no import-id line',
    matches: (header) => has(header, 'ResponseId') || (has(header, 'StartDate') && has(header, 'RecordedDate')),
    headerRows: (next) => (next[1]?.some((cell) => cell.includes('ImportId')) ? 3 : 2),
    responseId: /^ResponseId$/i,
    submittedAt: /^RecordedDate$/i,
    metadata: /^(StartDate|EndDate|Status|Progress|Duration \(in seconds\)|Finished|DistributionChannel|UserLanguage|Q_.*|ExternalReference|.*_DO(_.*)?)$/i,
    personal: /^(IPAddress|Recipient(LastName|FirstName|Email)|Location(Latitude|Longitude))$/i,
  },
  {
    id: 'surveymonkey',
    name: 'SurveyMonkey',
    source:
      'SurveyMonkey "All responses data" CSV: line 1 question texts, line 2 the answer option or "Response" / "Open-Ended Response" under each; ' +
      'structure from SurveyMonkey\'s help pages as remembered, not checked against a document here (the search found none)',
    matches: (header) => has(header, 'Respondent ID') && has(header, 'Collector ID'),
    headerRows: () => 2,
    responseId: /^Respondent ID$/i,
    submittedAt: /^End Date$/i,
    metadata: /^(Collector ID|Start Date|Custom Data \d+)$/i,
    personal: /^(IP Address|Email Address|First Name|Last Name)$/i,
  },
  {
    id: 'microsoft-forms',
    name: 'Microsoft Forms',
    source:
      'Microsoft Forms "Open in Excel" workbook saved as CSV: ID, Start time, Completion time, Email, Name (and Last modified time in newer exports), then one column per question; ' +
      'structure not checked against Microsoft\'s documentation (the search found none); the workbook must be saved as CSV first',
    matches: (header) => has(header, 'ID') && has(header, 'Start time') && has(header, 'Completion time'),
    headerRows: () => 1,
    responseId: /^ID$/i,
    submittedAt: /^Completion time$/i,
    metadata: /^(Start time|Last modified time)$/i,
    personal: /^(Email|Name)$/i,
  },
  {
    id: 'google-forms',
    name: 'Google Forms',
    source:
      'Google Forms responses (Sheets: File → Download → CSV): "Timestamp" first, then one column per question headed by its text; ' +
      'structure not checked against Google\'s documentation (the search found none)',
    matches: (header) => /^(Timestamp|Aikaleima)$/i.test(trimmed(header[0] ?? '')),
    headerRows: () => 1,
    submittedAt: /^(Timestamp|Aikaleima)$/i,
    metadata: /^(Score|Pisteet)$/i,
    personal: /^(Email address|Sähköpostiosoite)$/i,
  },
  {
    id: 'webropol',
    name: 'Webropol',
    source:
      'Webropol (Finnish): no documentation of its Excel/CSV export was found, so this preset is a guess from Finnish column names ' +
      '(Vastaajan ID / Vastaaja, Vastausaika / Vastauspäivämäärä, Sähköposti); check the mapping against your file',
    matches: (header) => header.some((h) => /^vastaaja(n)?( id| tunnus)?$/i.test(trimmed(h))) && header.some((h) => /^vastaus(aika|päivämäärä|pvm)$/i.test(trimmed(h))),
    headerRows: () => 1,
    responseId: /^vastaaja(n)?( id| tunnus)?$/i,
    submittedAt: /^vastaus(aika|päivämäärä|pvm)$/i,
    metadata: /^(aloitusaika|kesto|tila|kieli)$/i,
    personal: /^(sähköposti|nimi|etunimi|sukunimi|puhelin|ip-osoite)$/i,
  },
];

/** The first preset whose header this is, or null. */
export function detectPreset(header: string[], next: string[][]): Preset | null {
  return PRESETS.find((p) => p.matches(header, next)) ?? null;
}
