// Entry point of the extension-host tests (extensionTestsPath). VS Code require()s the compiled
// file inside the extension host and awaits run(); a rejection makes the run fail. The same entry
// serves the code-server harness (scripts/test-e2e.mjs) and @vscode/test-electron
// (scripts/test-electron.mjs). Test files are the sibling *.test.js files, run in name order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: 120_000, // the waits inside the tests time out first (30 s) with a readable message
  });
  if (process.env.OGI_E2E_GREP) mocha.grep(process.env.OGI_E2E_GREP);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats;
        // plain closing line for CI log readers
        console.log(`extension-tests: ${s?.passes ?? 0} passed, ${failures} failed, ${s?.pending ?? 0} skipped`);
        if (failures > 0) reject(new Error(`${failures} extension test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}
