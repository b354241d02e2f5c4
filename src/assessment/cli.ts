// `joinedup timescales FILE.json`: prints the engine's JSON to stdout; bad input exits 2 with the reasons.
import fs from 'node:fs';
import { timescales } from './timescales.ts';

export function timescalesCommand(args: string[]): number {
  const [file] = args;
  if (!file || args.length > 1) {
    process.stderr.write('Usage: joinedup timescales FILE.json   (or - to read standard input)\n');
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    process.stderr.write(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`);
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    process.stderr.write(`${file} is not valid JSON: ${(err as Error).message}\n`);
    return 2;
  }
  const r = timescales(input);
  if (!r.ok) {
    process.stderr.write(`The case history is not valid:\n${r.errors.map((e) => `  ${e.field || '(input)'}: ${e.message}`).join('\n')}\n`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify(r.value, null, 2)}\n`);
  return 0;
}
