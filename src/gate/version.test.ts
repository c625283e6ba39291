import { compareVersions } from './version.js';

const ascending: Array<[string, string]> = [
  ['17.09.05', '17.12.04'],
  ['17.12.04', '17.12.04a'],
  ['17.3.1', '17.12.4'],
  ['10.3(4a)M', '10.4(3)F'],
  ['10.4(2)F', '10.4(3)F'],
  ['9.3(8)', '10.2(5)'],
  ['15.7(3)M8', '15.7(3)M10'],
  ['15.2(7)E9', '15.2(7)E10'],
  ['4.32.2F', '4.32.2.1F'],
  ['4.31.5M', '4.32.2F'],
  ['23.4R1', '23.4R2'],
  ['23.4R2', '23.4R2-S3'],
  ['23.4R2-S3.9', '23.4R2-S4.1'],
  ['22.4R3-S2.11', '23.4R2-S3.9'],
];

test.each(ascending)('%s is lower than %s', (low, high) => {
  expect(compareVersions(low, high)).toBeLessThan(0);
  expect(compareVersions(high, low)).toBeGreaterThan(0);
});

test('the same release written with and without leading zeros is equal', () => {
  expect(compareVersions('17.09.05', '17.9.5')).toBe(0);
  expect(compareVersions('10.4(3)F', '10.4(3)f')).toBe(0);
});
