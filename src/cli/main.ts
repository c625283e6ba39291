import { runCli } from './run.js';
import { nodeIo } from './io.js';

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
