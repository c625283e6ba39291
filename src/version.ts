/** Version of the tool; also the `generator` of every JSON output. Kept in step with package.json by a test. */
export const VERSION = '0.1.0';
