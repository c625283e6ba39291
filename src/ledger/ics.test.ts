import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { escapeText, foldLine, writeCalendar, type IcsEvent } from './ics.js';

function event(over: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: 'abc-core-01@imagegate',
    dtstamp: '2026-11-02T09:00:00Z',
    start: '2026-11-10T01:00:00+01:00',
    end: '2026-11-10T05:00:00+01:00',
    summary: 'core-01: a -> b',
    description: 'plain',
    status: 'CONFIRMED',
    sequence: 0,
    ...over,
  };
}

function parse(text: string): ICAL.Event[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

function expectWellFormed(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  }
}

const HOSTILE = [
  'line one\nline two\r\nline three\rfour',
  'semi;colon, comma, back\\slash \\n not a newline',
  'DESCRIPTION:fake\r\nEND:VEVENT\r\nBEGIN:VEVENT',
  'ünïcödé — 変更ウィンドウ 🚀🔧 ',
  `${'long '.repeat(60)}end`,
  `${'🚀'.repeat(40)}`,
  'tab\there',
];

describe('ics writer', () => {
  test('hostile text survives a round trip through ical.js, one event per input, nothing injected', () => {
    const events = HOSTILE.map((text, i) => event({ uid: `u${i}@imagegate`, summary: text, description: `${text}\n${text}` }));
    const out = writeCalendar(events, { name: 'test; calendar, hostile' });
    expectWellFormed(out);
    const parsed = parse(out);
    expect(parsed).toHaveLength(HOSTILE.length);
    parsed.forEach((e, i) => {
      const want = (HOSTILE[i] ?? '').replace(/\r\n|\r/g, '\n');
      expect(e.summary).toBe(want);
      expect(e.description).toBe(`${want}\n${want}`);
      expect(e.uid).toBe(`u${i}@imagegate`);
    });
  });

  test('times are UTC with Z, DTSTAMP and STATUS are present, CANCELLED is kept', () => {
    const out = writeCalendar([event({ status: 'CANCELLED', sequence: 1 })], { name: 'x' });
    expect(out).toContain('DTSTART:20261110T000000Z\r\n');
    expect(out).toContain('DTEND:20261110T040000Z\r\n');
    expect(out).toContain('DTSTAMP:20261102T090000Z\r\n');
    const [e] = parse(out);
    expect(e?.startDate.toJSDate().toISOString()).toBe('2026-11-10T00:00:00.000Z');
    expect(e?.endDate.toJSDate().toISOString()).toBe('2026-11-10T04:00:00.000Z');
    expect(e?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(e?.sequence).toBe(1);
  });

  test('folding never splits a UTF-8 character and unfolds to the original line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        const line = `SUMMARY:${s}`;
        const folded = foldLine(line);
        for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
    );
  });

  test('any text without control characters round-trips through ical.js', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }).filter((s) => !/[\u0000-\u0008\u000b-\u001f\u007f\ud800-\udfff]/.test(s)), (s) => {
        const [e] = parse(writeCalendar([event({ summary: s, description: s })], { name: 'p' }));
        expect(e?.summary).toBe(s);
        expect(e?.description).toBe(s);
      }),
      { numRuns: 200 },
    );
  });

  test('escapeText escapes backslash first so an escape cannot be forged', () => {
    expect(escapeText('a\\nb;c,d\ne')).toBe('a\\\\nb\\;c\\,d\\ne');
  });
});
