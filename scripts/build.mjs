// Bundles the CLI into dist/ so `npx imagegate` runs on plain Node >= 20. Dependencies stay external
// (a bundled ssh2/octokit breaks on dynamic requires; see shared/TOOLCHAIN.md).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/imagegate.js' });
await build({ ...common, entryPoints: ['bench/run.ts'], outfile: 'dist/bench.js' });
