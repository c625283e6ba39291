import { ImagegateError } from '../errors.js';

// A name from YAML goes into a device command: letters, digits, dot, underscore, plus and dash only, so that no
// separator, pipe, redirect, wildcard, space or path can reach the device's CLI.
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,200}$/;

/** Returns the name if it is safe to put into a command; throws ImagegateError otherwise. */
export function assertSafeFileName(name: string): string {
  if (!SAFE_FILE_NAME.test(name) || name.includes('..')) {
    throw new ImagegateError(`refusing file name ${JSON.stringify(name.slice(0, 80))}: not a plain image file name`, {
      hint: 'an image file name may hold letters, digits, ".", "_", "+" and "-" only, start with a letter or digit, and not contain ".."',
    });
  }
  return name;
}

export function isSafeFileName(name: string): boolean {
  return SAFE_FILE_NAME.test(name) && !name.includes('..');
}
