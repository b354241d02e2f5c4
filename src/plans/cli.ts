// `joinedup quality --section E "text of one outcome"`: checks one item of a plan section and prints
// {"findings":[{"code":"…","message":"…"}],"score":N} on one line, exit 0. Section E runs the outcome checks, F the
// provision checks, every other section the wording checks. Bad usage exits 2 with the reason on stderr.
import fs from 'node:fs';
import { checkItem, planSections, type PlanSection } from './quality.ts';

const usage = `Usage: joinedup quality --section SECTION TEXT
  SECTION  one of ${planSections.join(', ')} (E checks an outcome, F a provision item, others the wording)
  TEXT     the text of one item, quoted (or - to read standard input)
Prints {"findings":[{"code":"…","message":"…"}],"score":N}.
`;

function fail(reason: string): number {
  process.stderr.write(`${reason}\n\n${usage}`);
  return 2;
}

const isSection = (s: string): s is PlanSection => (planSections as readonly string[]).includes(s);

export function qualityCommand(args: string[]): number {
  let section: string | undefined;
  const texts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      texts.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--section' || arg === '-s') {
      section = args[++i];
      if (section === undefined) return fail('--section needs a value, for example --section E.');
    } else if (arg.startsWith('--section=')) section = arg.slice('--section='.length);
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') return fail(`Unknown option: ${arg}`);
    else texts.push(arg);
  }
  if (section === undefined) return fail('Say which section the text is from, for example --section E.');
  const upper = section.toUpperCase();
  if (!isSection(upper)) return fail(`Unknown section: "${section}". Use one of ${planSections.join(', ')}.`);
  if (texts.length > 1) return fail('Give the text as one quoted argument.');
  let text = texts[0];
  if (text === '-') {
    try {
      text = fs.readFileSync(0, 'utf8');
    } catch (err) {
      return fail(`Cannot read standard input: ${(err as Error).message}`);
    }
  }
  if (text === undefined || text.trim() === '') return fail('Give the text of one item to check.');
  const { findings, score } = checkItem(upper, text);
  process.stdout.write(`${JSON.stringify({ findings: findings.map(({ code, message }) => ({ code, message })), score })}\n`);
  return 0;
}
