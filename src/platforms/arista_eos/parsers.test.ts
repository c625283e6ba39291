import { ParseError } from '../../errors.js';
import { parseEosShowBootConfig } from './show-boot-config.js';
import { parseEosShowVersion } from './show-version.js';

test('show boot-config with no image set is an empty boot list', () => {
  expect(parseEosShowBootConfig('Software image: (not set)\nConsole speed: (not set)\n')).toEqual({ boot: [] });
});

test('show boot-config without a Software image line is refused', () => {
  expect(() => parseEosShowBootConfig('Console speed: (not set)\n')).toThrow('no "Software image:" line');
});

test('show version never reports an image path or hostname (EOS prints neither)', () => {
  const facts = parseEosShowVersion('Arista DCS-7280SR-48C6\nSoftware image version: 4.32.2F\nUptime: 2 weeks, 1 day, 3 hours and 4 minutes\n');
  expect(facts).toEqual({ model: 'DCS-7280SR-48C6', version: '4.32.2F', uptimeSeconds: 2 * 604800 + 86400 + 3 * 3600 + 240 });
});

test('show version of another command is refused', () => {
  expect(() => parseEosShowVersion('Software image: flash:/EOS.swi\n')).toThrow(ParseError);
  expect(() => parseEosShowVersion("% Invalid input (at token 1: 'verison')\n")).toThrow('the device reported an error');
});
