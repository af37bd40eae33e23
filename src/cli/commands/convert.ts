/** `ruleatlas convert FILE|ID --to L`: a rule in another language, its losses and the proof; `--all` for a collection. */
import { plural } from '../../text/plural.js';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_IDS, type LanguageId } from '../../model/ids.js';
import type { ParsedRule } from '../../model/rule.js';
import { Catalog } from '../../catalog/catalog.js';
import { rulesFromFiles } from '../../analysis/rule-files.js';
import { convertRule, type Conversion } from '../../analysis/convert/convert.js';
import { verifyConversion } from '../../analysis/convert/verify.js';
import { bulkSummary, convertedFileName } from '../../analysis/convert/bulk.js';
import { print, printJson, printTable, UsageError } from '../output.js';

export interface ConvertCommandOptions {
  db: string;
  json?: boolean;
  to: string;
  format?: string;
  allowLossy?: boolean;
  verify?: string[];
  all?: boolean;
  source?: string;
  out?: string;
}

function targetOf(options: ConvertCommandOptions): LanguageId {
  if (!(LANGUAGE_IDS as readonly string[]).includes(options.to))
    throw new UsageError(`Unknown language ${options.to}; expected one of ${LANGUAGE_IDS.join(', ')}`);
  if (options.format && options.format !== 'query' && options.format !== 'rule')
    throw new UsageError(`--format is query or rule, not ${options.format}`);
  return options.to as LanguageId;
}

/** A file's first rule, or a catalog rule by id or `source:path`. */
function findRule(ref: string, db: string): ParsedRule | undefined {
  if (existsSync(ref) && statSync(ref).isFile()) return rulesFromFiles([ref])[0];
  if (!existsSync(db)) return undefined;
  const catalog = Catalog.open(db, { readonly: true });
  try {
    const view = catalog.rule(ref);
    return view ? { rule: view.document, query: view.query } : undefined;
  } finally {
    catalog.close();
  }
}

function printConversion(c: Conversion): void {
  process.stdout.write(c.text);
  for (const loss of c.losses) process.stderr.write(`loss: ${loss.what}: ${loss.why}\n`);
  for (const d of c.roundTrip.differences) process.stderr.write(`round trip: ${d}\n`);
}

export async function convertCommand(
  ref: string | undefined,
  options: ConvertCommandOptions,
): Promise<number> {
  const target = targetOf(options);
  const format = (options.format ?? 'query') as 'query' | 'rule';
  if (options.all) return convertAll(target, format, options);
  if (!ref) throw new UsageError('convert needs a FILE or rule ID, or --all');
  const rule = findRule(ref, options.db);
  if (!rule) {
    process.stderr.write(`No rule ${ref}\n`);
    return 1;
  }
  const c = convertRule(rule, target, { format });
  const verification = options.verify?.length ? await verifyConversion(rule, c, options.verify) : undefined;
  const { parsed: _parsed, ...shown } = c;
  if (options.json) printJson({ ...shown, ...(verification ? { verify: verification } : {}) });
  else {
    printConversion(c);
    if (verification)
      process.stderr.write(
        `verify: ${plural(verification.events, 'event')}, source fired on ${verification.source}, conversion on ${verification.converted}, ${plural(verification.disagreements.length, 'disagreement')}\n`,
      );
  }
  const disagrees = (verification?.disagreements.length ?? 0) > 0;
  return (c.lossless || options.allowLossy) && c.text !== '' && !disagrees ? 0 : 1;
}

function convertAll(target: LanguageId, format: 'query' | 'rule', options: ConvertCommandOptions): number {
  if (!options.out) throw new UsageError('convert --all needs --out DIR');
  if (!existsSync(options.db)) throw new UsageError(`No catalog at ${options.db}`);
  const catalog = Catalog.open(options.db, { readonly: true });
  const conversions: Conversion[] = [];
  try {
    mkdirSync(options.out, { recursive: true });
    for (const rule of catalog.huntRules({ source: options.source })) {
      if (rule.rule.language === target) continue;
      const c = convertRule(rule, target, { format });
      conversions.push(c);
      if (c.text !== '' && (c.lossless || options.allowLossy))
        writeFileSync(join(options.out, convertedFileName(rule.rule, target, format)), c.text);
    }
  } finally {
    catalog.close();
  }
  const summary = bulkSummary(conversions);
  if (options.json) printJson(summary);
  else {
    print(
      `converted ${summary.converted}, lossless ${summary.lossless}, lossy ${summary.lossy}, failed ${summary.failed}`,
    );
    printTable(
      ['lossy by reason', 'rules'],
      summary.lossyByReason.map((r) => [r.reason, r.rules]),
    );
  }
  return 0;
}
