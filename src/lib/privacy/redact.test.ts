import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.ts';

const redact = createRedactor();

describe('createRedactor: e-mail', () => {
  it('redacts addresses in sentences', () => {
    expect(redact('My email is matti.meikalainen@example.fi')).toBe('My email is [email]');
    expect(redact('Sähköposti: anna+palaute@posti.example.com, kiitos.')).toBe('Sähköposti: [email], kiitos.');
    expect(redact('Write to jää@esimerkki.fi.')).toBe('Write to [email].');
  });
  it('redacts addresses with the @ and dots written out', () => {
    expect(redact('matti.virtanen(at)example.fi')).toBe('[email]');
    expect(redact('Kirjoita: anna [at] posti.example.com tai anna{ät}example(dot)fi.')).toBe('Kirjoita: [email] tai [email].');
    expect(redact('matti (AT) example (dot) fi')).toBe('[email]');
    expect(redact('Tulin (at) kaupalle')).toBe('Tulin (at) kaupalle'); // no domain: not an address
    expect(redact('Arrived (at) 10.30, left at 11.00')).toBe('Arrived (at) 10.30, left at 11.00'); // a time
  });
  it('redacts addresses spelled out without brackets', () => {
    expect(redact('matti at example dot fi')).toBe('[email]');
    expect(redact('Email: matti dot virtanen at gmail dot com')).toBe('Email: [email]');
    expect(redact('Kirjoita: Matti.Virtanen ät posti piste example piste fi, kiitos')).toBe('Kirjoita: [email], kiitos');
    expect(redact('matti.virtanen at gmail.com')).toBe('[email]');
  });
  it('leaves everyday "at" and "dot" alone', () => {
    for (const text of [
      'I was looking at the dot matrix printer',
      'Look at the dot on the map',
      'We ate at Polka Dot Cafe',
      'the meeting at five dot thirty',
      'I bought it at verkkokauppa.com',
      'order 123 at gigantti.fi',
      'Tulin kauppaan at example.fi',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
  it('redacts the obfuscations that got through the hardened redaction (#18 item 3)', () => {
    for (const address of [
      'matti@example dot fi',
      'matti @ gmail . com',
      'matti at gmail.com',
      'matti ät hotmail dot com',
      'matti.virtanen@gmail',
      'matti(a)gmail.com',
      'matti%40example.fi',
      'matti@example[.]fi',
      'matti(at)example(.)fi',
    ]) {
      expect(redact(`Sähköposti: ${address}, kiitos`)).toBe('Sähköposti: [email], kiitos');
    }
  });
  it('leaves "at", "(a)" and spaced dots in sentences alone', () => {
    for (const text of [
      'meet at home.',
      'We met at gmail offices',
      'Valitse (a) verkkokauppa.com tai (b) myymälä',
      'Kirjoitin matti@kauppa . Kiitos',
      'Hinta 40 % alennus',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
  it('leaves @-mentions and formulas alone', () => {
    expect(redact('@SUM and @matti')).toBe('@SUM and @matti');
  });
});

describe('createRedactor: phone numbers', () => {
  const finnish = [
    '040 123 4567',
    '0401234567',
    '040-123 4567',
    '+358 40 1234567',
    '+358401234567',
    '+358 40 123 4567',
    '+358 (0)40 123 4567',
    '00358 40 123 4567',
    '09-123 456',
    '09 1234 5678',
    '(09) 123 4567',
    '0800 123 456',
    '040\u00a0123\u00a04567',
  ];
  const international = ['+44 20 7946 0958', '+1 (555) 123-4567', '+46 8 123 456 78'];
  for (const phone of [...finnish, ...international]) {
    it(`redacts ${JSON.stringify(phone)}`, () => {
      expect(redact(phone)).toBe('[phone]');
      expect(redact(`Soittakaa minulle numeroon ${phone} kiitos`)).toBe(
        'Soittakaa minulle numeroon [phone] kiitos',
      );
      expect(redact(`Call me on ${phone}.`)).toBe('Call me on [phone].');
    });
  }
  it('redacts several numbers and keeps the text between them', () => {
    expect(redact('puh. 040 123 4567, tel:+358401234567 tai (09) 123 4567')).toBe(
      'puh. [phone], tel:[phone] tai [phone]',
    );
    expect(redact('040 123 4567 040 123 4567')).toBe('[phone] [phone]');
  });
  it('redacts a number that runs into a word, a space missed', () => {
    expect(redact('soita 040 123 4567ja kysy')).toBe('soita [phone]ja kysy');
  });
  it('redacts a whole number run into the word before it', () => {
    expect(redact('puhelin0401234567 kiitos')).toBe('puhelin[phone] kiitos');
    expect(redact('soita numeroon040 123 4567.')).toBe('soita numeroon[phone].');
    expect(redact('tel+358401234567')).toBe('tel[phone]');
    // After a word that announces a phone number, a short landline number too.
    expect(redact('puh09123456')).toBe('puh[phone]');
    // Only the word itself announces one: "hotel" is not "tel".
    expect(redact('hotel0123456')).toBe('hotel0123456');
    // Too short for a whole number after a letter: a code.
    expect(redact('SKU0123 ja x0800-1600')).toBe('SKU0123 ja x0800-1600');
  });
  it('leaves whole a number run into a word that is not a spaced phone number', () => {
    expect(redact('Tilaus 0123456789X')).toBe('Tilaus 0123456789X');
    expect(redact('Varaus 0800123456A')).toBe('Varaus 0800123456A');
    expect(redact('auki klo 0800-1600ma-pe')).toBe('auki klo 0800-1600ma-pe');
  });
  it('reads an en dash between digit groups as a hyphen', () => {
    expect(redact('soita 040–123 4567')).toBe('soita [phone]');
  });
  it('does not let a trailing number hide a phone number', () => {
    expect(redact('040 123 4567 1234 5678')).toBe('[phone] 1234 5678');
  });
});

describe('createRedactor: henkilötunnus', () => {
  // Check characters verified by hand: DDMMYYZZZ mod 31 indexes "0123456789ABCDEFHJKLMNPRSTUVWXY".
  // 131052308 % 31 = 25 → T; 10594903 % 31 = 2 → 2; 10594902 % 31 = 1 → 1; 20516903 % 31 = 18 → K.
  it('redacts valid codes with every kind of century sign', () => {
    expect(redact('hetu 131052-308T')).toBe('hetu [id]');
    // As Word writes the hyphen: an en dash; or a minus, or a non-breaking hyphen.
    expect(redact('hetu 131052\u2013308T, 131052\u2212308T, 131052\u2011308T')).toBe('hetu [id], [id], [id]');
    expect(redact('Henkilötunnukseni on 010594Y9032.')).toBe('Henkilötunnukseni on [id].');
    expect(redact('ID 010594Y9021 and 020516C903K')).toBe('ID [id] and [id]');
    expect(redact('020516F903K')).toBe('[id]');
    expect(redact('lowercase 131052-308t')).toBe('lowercase [id]');
  });
  it('covers the 1800s and 2000s and leap days', () => {
    // 290200 = 29 Feb 2000 (leap year); 290200123 % 31 = 9 → 9.
    expect(redact('290200A1239')).toBe('[id]');
    // 31 Dec 1899 ("+"): 311299123 % 31 = 6 → 6.
    expect(redact('311299+1236')).toBe('[id]');
  });
  it('redacts a code run into the word before it', () => {
    expect(redact('hetu131052-308T')).toBe('hetu[id]');
  });
  it('redacts a code without its century sign, or with its date spaced or dotted, when the check character is right', () => {
    // 131052308 % 31 = 25 → T, as above.
    expect(redact('hetu 131052 308T')).toBe('hetu [id]');
    expect(redact('131052/308T, 131052.308t')).toBe('[id], [id]');
    expect(redact('13 10 52-308T ja 13.10.52 308T')).toBe('[id] ja [id]');
    expect(redact('131052 308U')).toBe('131052 308U'); // check character would be T
    expect(redact('310252 308T')).toBe('310252 308T'); // 31 February
  });
  it('does not read a code without its sign in the middle of a number', () => {
    // The Diners card 3624 300895 0531: 300895053 % 31 = 1, so "300895/0531" checks by chance.
    expect(redact('kortti3624/300895/0531')).toBe('kortti[card]');
    expect(redact('viite 12 300895 0531')).toBe('viite 12 300895 0531');
  });
  it('keeps lookalikes with a wrong check character or impossible date', () => {
    expect(redact('131052-308U')).toBe('131052-308U');
    expect(redact('020516F9037')).toBe('020516F9037'); // check character would be K
    expect(redact('290201A123X')).toBe('290201A123X'); // 29 Feb 2001 does not exist
    expect(redact('321052-308T')).toBe('321052-308T');
  });
});

describe('createRedactor: IBAN', () => {
  it('redacts valid IBANs with or without spaces', () => {
    expect(redact('Tilinumero FI21 1234 5600 0007 85, kiitos')).toBe('Tilinumero [iban], kiitos');
    expect(redact('FI2112345600000785')).toBe('[iban]');
    expect(redact('fi21 1234 5600 0007 85')).toBe('[iban]');
    expect(redact('GB29 NWBK 6016 1331 9268 19')).toBe('[iban]');
    expect(redact('DE89 3704 0044 0532 0130 00')).toBe('[iban]');
    expect(redact('NO93 8601 1117 947')).toBe('[iban]');
  });
  it('does not let a following word hide an IBAN', () => {
    expect(redact('BE68 5390 0754 7034 talo')).toBe('[iban] talo');
  });
  it('keeps an IBAN with a wrong check', () => {
    expect(redact('FI21 1234 5600 0007 86')).toBe('FI21 1234 5600 0007 86');
    expect(redact('FI22 1234 5600 0007 85')).toBe('FI22 1234 5600 0007 85');
  });
});

describe('createRedactor: payment cards', () => {
  it('redacts Luhn-valid numbers in common groupings', () => {
    expect(redact('Kortti 4111 1111 1111 1111 veloitettiin')).toBe('Kortti [card] veloitettiin');
    expect(redact('4111111111111111')).toBe('[card]');
    expect(redact('5555-5555-5555-4444')).toBe('[card]');
    expect(redact('Amex 3782 822463 10005')).toBe('Amex [card]');
    expect(redact('4222222222222')).toBe('[card]');
    expect(redact('card 4111 1111 1111 1111 exp 2025')).toBe('card [card] exp 2025');
  });
  it('keeps numbers that fail Luhn', () => {
    expect(redact('4111111111111112')).toBe('4111111111111112');
    expect(redact('1234 5678 1234 5678')).toBe('1234 5678 1234 5678');
  });
});

describe('createRedactor: URLs', () => {
  it('redacts URLs with a query string', () => {
    expect(redact('Linkki https://shop.example/order?id=123&email=matti@example.fi toimi.')).toBe(
      'Linkki [url] toimi.',
    );
    expect(redact('(see http://a.example/x?token=abc)')).toBe('(see [url])');
    expect(redact('www.example.fi/tilaus?nro=5')).toBe('[url]');
    expect(redact('shop.example/order?id=123')).toBe('[url]');
  });
  it('keeps plain URLs and a question mark after a URL', () => {
    expect(redact('Katso https://example.com/ohjeet')).toBe('Katso https://example.com/ohjeet');
    expect(redact('Did you see https://example.com?')).toBe('Did you see https://example.com?');
  });
});

describe('createRedactor: names', () => {
  const withNames = createRedactor({ names: ['Matti Meikäläinen', 'Liisa', 'Äijälä', 'Jan-Erik'] });
  it('redacts configured names case-insensitively as whole words', () => {
    expect(withNames('Matti Meikäläinen auttoi paljon')).toBe('[name] auttoi paljon');
    expect(withNames('LIISA ja liisa ja Liisa')).toBe('[name] ja [name] ja [name]');
    expect(withNames('Kiitos äijälä!')).toBe('Kiitos [name]!');
    expect(withNames('ÄIJÄLÄ')).toBe('[name]');
    expect(withNames('Jan-Erik oli paikalla')).toBe('[name] oli paikalla');
  });
  it('does not match inside other words (Unicode-aware boundaries)', () => {
    expect(withNames('Liisankatu ja Annaliisa')).toBe('Liisankatu ja Annaliisa');
    expect(withNames('Äijäläinen')).toBe('Äijäläinen');
    expect(withNames('Liisä')).toBe('Liisä');
  });
  it('matches decomposed (NFD) text too', () => {
    expect(withNames('Kiitos Äijälä'.normalize('NFD'))).toBe('Kiitos [name]');
  });
  it('runs on text without digits as well', () => {
    expect(withNames('Liisa')).toBe('[name]');
  });
});

describe('createRedactor: extra patterns', () => {
  const custom = createRedactor({
    patterns: [
      { pattern: 'ASIAKAS-\\d{6}', marker: '[asiakasnumero]' },
      { pattern: 'salasana:\\s*\\S+', flags: 'i', marker: '[secret]' },
    ],
  });
  it('applies configured patterns with their markers', () => {
    expect(custom('Asiakasnumero ASIAKAS-123456 ja Salasana: hunter2')).toBe(
      'Asiakasnumero [asiakasnumero] ja [secret]',
    );
  });
  it('still applies the built-in detectors', () => {
    expect(custom('ASIAKAS-123456, 040 123 4567')).toBe('[asiakasnumero], [phone]');
  });
  it('rejects invalid configuration with a clear error', () => {
    expect(() => createRedactor({ patterns: [{ pattern: '(', marker: '[x]' }] })).toThrow(/not a valid regular expression/);
    expect(() => createRedactor({ patterns: [{ pattern: 'x', marker: '' }] })).toThrow(/marker/);
  });
  it('ignores empty matches instead of scattering markers', () => {
    const r = createRedactor({ patterns: [{ pattern: 'x*', marker: '[x]' }] });
    expect(r('abc xx d')).toBe('abc [x] d');
  });
});

describe('createRedactor: near-misses survive unchanged', () => {
  const nearMisses = [
    'tilaus 123456',
    'Order #A-99812',
    'ORD-2026-000123',
    '12.3.2026',
    '2026-03-12',
    '12/03/2026',
    '03-12-2026',
    '05 03 2026',
    '1 299,00 €',
    '1\u00a0299,00\u00a0€',
    '€49.90',
    '149 e',
    '0,50 €',
    '00100 Helsinki',
    '02150 Espoo',
    'klo 14.30',
    'klo 09.30',
    '10:45',
    '09:00',
    '50 minuuttia',
    '9/10',
    'NPS 45',
    'NPS +45',
    '3 tähteä',
    '2025',
    '112',
    '1234',
    '131052-308U',
    'FI21 1234 5600 0007 86',
    '4111111111111112',
    '+5 %',
    'https://example.com/palaute',
    // Separators that are read in phone, card and IBAN numbers are in dates, times, prices and codes too.
    '129,90 €',
    '1 299 €',
    '31.3.2026',
    '03.12.2026',
    '1.3.-5.3.2026',
    '01.03.-05.03.2026',
    '12/2026',
    '03/2026',
    '14:30',
    'klo 09.30-10.45',
    'auki 0800-1600',
    'ma-pe 9.00–17.00',
    'Tilaus 4501234',
    'Tilaus 0123456',
    '#A-10023',
    '45 %',
    'WM-8kg A+++',
    '2 x 4 kpl',
    '8/10',
    // Returned exactly as written: no-break spaces, ligatures, superscripts and emoji are not normalised away.
    'Hinta 2\u202F490\u00A0€ ja 12 €/m²',
    'ﬁksu ½ h',
    'Kiitos 👨‍👩‍👧 ❤️ 10/10',
  ];
  for (const text of nearMisses) {
    it(JSON.stringify(text), () => {
      expect(redact(text)).toBe(text);
      expect(redact(`Palaute: ${text}, kiitos.`)).toBe(`Palaute: ${text}, kiitos.`);
    });
  }
  it('all together in one comment', () => {
    const text = nearMisses.join(' | ');
    expect(redact(text)).toBe(text);
  });
});

describe('createRedactor: identifiers that got through on main (#18)', () => {
  it.each([
    ['(+358) 40 123 4514', '[phone]'],
    ['040/1234512', '[phone]'],
    ['040.123.4511', '[phone]'],
    ['358401234513', '[phone]'],
    ['soita 040 123\n4567 kiitos', 'soita [phone] kiitos'],
    ['040\u2009123\u202F4567', '[phone]'],
    ['０４０ １２３ ４５６７', '[phone]'],
    ['٠٤٠ ١٢٣ ٤٥٦٧', '[phone]'],
    ['matti @ example.fi', '[email]'],
    ['matti＠example.fi', '[email]'],
    ['mat\u200Btti@exam\u00ADple.fi', '[email]'],
    ['jää@esimerkki.fi'.normalize('NFD'), '[email]'],
    ['050667-187Ckiitos', '[id]kiitos'],
    ['FI21-1234-5600-0007-85', '[iban]'],
    ['FI21  1234  5600  0007  85', '[iban]'],
    ['FI21.1234.5600.0007.85', '[iban]'],
    ['tilinumeroFI2112345600000785', 'tilinumero[iban]'],
    ['4111.1111.1111.1111', '[card]'],
    ['4111  1111  1111  1111', '[card]'],
    ['41111111 11111111', '[card]'],
    ['4111/1111/1111/1111', '[card]'],
  ])('%j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
  it('publishes the normalised text around a marker', () => {
    expect(redact('Soita ０４０ １２３ ４５６７, ｋｉｉｔｏｓ')).toBe('Soita [phone], kiitos');
    expect(redact('Hinta 2\u202F490 €, soita 040 123 4567')).toBe('Hinta 2 490 €, soita [phone]');
  });
  it('matches configured names after normalisation: decomposed, invisible characters, full-width, any case', () => {
    const withNames = createRedactor({ names: ['Äijälä'.normalize('NFD'), 'Liisa'] });
    expect(withNames('Kiitos äi\u200Bjälä!')).toBe('Kiitos [name]!');
    expect(withNames('Kiitos ＬＩＩＳＡ')).toBe('Kiitos [name]');
    expect(withNames('Kiitos ÄIJÄLÄ'.normalize('NFD'))).toBe('Kiitos [name]');
  });
});

describe('createRedactor: markers and pass-through', () => {
  const withNames = createRedactor({
    names: ['Email', 'Phone', 'Name'],
    patterns: [{ pattern: 'url|iban|card', marker: '[other]' }],
  });
  it('does not re-redact markers', () => {
    const once = withNames('Name: Matti, email x@y.fi, phone 040 123 4567, iban FI21 1234 5600 0007 85');
    expect(once).toBe('[name]: Matti, [name] [email], [name] [phone], [other] [iban]');
    expect(withNames(once)).toBe(once);
    expect(redact('[email] [phone] [id] [iban] [card] [url] [name]')).toBe(
      '[email] [phone] [id] [iban] [card] [url] [name]',
    );
  });
  it('is idempotent on mixed text', () => {
    const once = redact('Soita 040 123 4567 tai mailaa matti@example.fi, hetu 131052-308T');
    expect(once).toBe('Soita [phone] tai mailaa [email], hetu [id]');
    expect(redact(once)).toBe(once);
  });
  it('returns text without digits, @ or ? unchanged', () => {
    const text = 'Erittäin hyvä palvelu, kiitos! Great service, would recommend.';
    expect(redact(text)).toBe(text);
    expect(redact('')).toBe('');
  });
  it('works with no options and with empty options', () => {
    expect(createRedactor({})('040 123 4567')).toBe('[phone]');
    expect(createRedactor({ names: ['', '  '], patterns: [] })('Liisa')).toBe('Liisa');
  });
});

describe('createRedactor: throughput sanity (no timing assertions)', () => {
  it('processes many comments and adversarial long inputs', () => {
    const comments: string[] = [];
    for (let i = 0; i < 20000; i++) {
      comments.push(
        i % 2 === 0
          ? `Tilaus ${100000 + i} saapui 12.3.2026 klo 14.30, soita 040 123 ${String(4000 + (i % 1000))}`
          : 'Erittäin hyvä palvelu, kiitos kaikille!',
      );
    }
    let redacted = 0;
    for (const c of comments) if (redact(c) !== c) redacted++;
    expect(redacted).toBe(10000);
    for (const unit of ['AB12 ', '4111 ', '040 1 ', '+3 ', 'a.', 'x@', '9', 'x at y dot z ', 'a dot ', 'a dot b at ', 'x at a dot a dot ', 'q0', 'a@b dot ', 'a@b . ', 'a%40', 'a(a)', 'FI12 12 ', '13 10 52 ', 'O4 ']) {
      const long = unit.repeat(20000);
      expect(typeof redact(long)).toBe('string');
    }
  });
});

describe('createRedactor: digits inside a mistyped IBAN', () => {
  it('are not redacted as a card or phone number', () => {
    // 1234 5600 0007 85 happens to pass Luhn; 0532 0130 00 looks like a Finnish phone number.
    expect(redact('FI22 1234 5600 0007 85')).toBe('FI22 1234 5600 0007 85');
    expect(redact('DE88 3704 0044 0532 0130 00')).toBe('DE88 3704 0044 0532 0130 00');
  });
});

describe('createRedactor: identifiers that got through the hardened redaction (#18 item 3)', () => {
  it.each([
    // A numeric column exported by pandas or Excel.
    ['358401234567.0', '[phone]'],
    ['puh 0401234567.0', 'puh [phone]'],
    // Glued to "_" or "#".
    ['matti_0401234567', 'matti_[phone]'],
    ['040 123 4567_', '[phone]_'],
    ['soita #0401234567', 'soita #[phone]'],
    // Other separators, in phones, cards and IBANs alike.
    ['040·123·4567', '[phone]'],
    ['040~123~4567', '[phone]'],
    ['040_123_4567', '[phone]'],
    ['4111·1111·1111·1111', '[card]'],
    ['FI21~1234~5600~0007~85', '[iban]'],
    // The letter O for the trunk 0.
    ['O40 123 4567', '[phone]'],
    ['soita o50 123 4567', 'soita [phone]'],
    // A word shaped like an IBAN's start before a card or phone number (not a country, or not an IBAN's length).
    ['XS12 4111 1111 1111 1111', 'XS12 [card]'],
    ['malli WM40 040 123 4567', 'malli WM40 [phone]'],
    ['malli FI40 040 123 4567', 'malli FI40 [phone]'],
    // An IBAN in pairs of digits.
    ['FI21 12 34 56 00 00 07 85', '[iban]'],
    ['tili FI2112 3456 0000 0785.', 'tili [iban].'],
  ])('%j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
  it('reads "_" and "#" before a number as a word: only a whole number there is a phone', () => {
    expect(redact('Tuote #09 123 45 ja SKU_0912-345')).toBe('Tuote #09 123 45 ja SKU_0912-345');
  });
  it('leaves a letter O inside a word alone', () => {
    expect(redact('PRO40 123 4567')).toBe('PRO40 123 4567');
  });
  it('redacts an IMEI as an id, a 15-digit American Express number as a card', () => {
    // 35209900176148 + Luhn check digit 1; 37828224631000 + 5 (Amex test number).
    expect(redact('IMEI 35 209900 176148 1')).toBe('IMEI [id]');
    expect(redact('IMEI: 352099001761481')).toBe('IMEI: [id]');
    expect(redact('Amex 378282246310005')).toBe('Amex [card]');
    expect(redact('IMEI 35 209900 176148 2')).toBe('IMEI 35 209900 176148 2'); // Luhn fails
  });
});

describe('createRedactor: false positives of the hardened redaction (#18 item 3)', () => {
  it.each([
    // 011 and 012 are no Finnish prefix: a receipt number.
    'kuitti 0123 4567 8901',
    // A run of 8 digits starting 040 is not a whole mobile number (9 or 10 digits).
    'tilaus 04012345',
    'order 0501234',
    // A creditor reference (ISO 11649) is no IBAN, and its digits are no phone number.
    'RF18 5390 0754 7034',
    'viite RF18539007547034',
  ])('%j', (text) => {
    expect(redact(text)).toBe(text);
  });
  it('still redacts a mobile number of 9 or 10 digits and an announced short one', () => {
    expect(redact('tilaus 0401234567')).toBe('tilaus [phone]');
    expect(redact('050123456')).toBe('[phone]');
    expect(redact('puh 04012345')).toBe('puh [phone]');
    // A word that announces a phone number, then a space, then a landline number's digits.
    expect(redact('puh. 0912345, tel: 09123456')).toBe('puh. [phone], tel: [phone]');
  });
});
