import { ParseError } from '../errors.js';
import { cleanLines, prepare } from './text.js';
import { parseUptimePhrase } from './uptime.js';

test('CRLF, lone CR progress lines, ANSI escapes and pager remnants are cleaned', () => {
  const raw =
    'Directory of flash:/\r\n\r\n\x1b[1m    1  -rw-   15183868  <no date>  a.bin\x1b[0m\r\n' +
    ' --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b    2  -rw-   20  <no date>  b.bin\r\n' +
    'Copying 10%\rCopying 100%\r\n---(more 45%)---';
  expect(cleanLines(raw)).toEqual(['Directory of flash:/', '', '    1  -rw-   15183868  <no date>  a.bin', '    2  -rw-   20  <no date>  b.bin', 'Copying 100%']);
});

test('the echoed command and the trailing prompt are removed', () => {
  expect(cleanLines('sw1#show boot\nBOOT path-list : flash:a.bin\nsw1#')).toEqual(['BOOT path-list : flash:a.bin']);
  expect(cleanLines('user@r1> show version \nHostname: r1\n\n{master:0}\nuser@r1> ')).toEqual(['Hostname: r1']);
  expect(cleanLines('n9k(config)# \n')).toEqual([]);
});

test('empty output and output that is only a prompt are ParseErrors naming the platform and command', () => {
  for (const raw of ['', '   \r\n\r\n', 'sw1#', '\x1b[0m\n']) {
    expect(() => prepare(raw, 'cisco_ios', 'show version')).toThrow(ParseError);
  }
  expect(() => prepare('', 'juniper_junos', 'show version')).toThrow('juniper_junos: "show version": the output is empty');
});

test('failure output is a ParseError that quotes the device', () => {
  expect(() => prepare("% Invalid input detected at '^' marker.", 'cisco_xe', 'show bootvar')).toThrow(
    `cisco_xe: "show bootvar": the device reported an error: % Invalid input detected at '^' marker.`,
  );
});

test('uptime phrases of IOS, NX-OS and EOS', () => {
  expect(parseUptimePhrase('1 year, 2 weeks, 3 days, 4 hours, 5 minutes')).toBe(31536000 + 2 * 604800 + 3 * 86400 + 4 * 3600 + 300);
  expect(parseUptimePhrase('123 day(s), 5 hour(s), 15 minute(s), 19 second(s)')).toBe(123 * 86400 + 5 * 3600 + 15 * 60 + 19);
  expect(parseUptimePhrase('3 weeks, 0 days, 20 hours and 45 minutes')).toBe(3 * 604800 + 20 * 3600 + 45 * 60);
  expect(parseUptimePhrase('1 hour and 5 minutes')).toBe(3900);
  expect(parseUptimePhrase('1 minute')).toBe(60);
  for (const bad of ['', 'forever', '5 fortnights', '3 days, banana', '2y10w']) expect(parseUptimePhrase(bad)).toBeUndefined();
});
