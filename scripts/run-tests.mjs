// npm test's runner: engine, CLI and protocol tests with node's test runner (TypeScript through tsx),
// then the .vsix is packaged and its tests run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const testFiles = (...dirs) =>
  dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => `${dir}/${f}`),
  );
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

let status = run(['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('test/unit', 'test/protocol')]);
if (status === 0) status = run(['scripts/package.mjs']);
if (status === 0) status = run(['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('test/package')]);
process.exit(status);
