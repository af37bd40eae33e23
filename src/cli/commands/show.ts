/** `ruleatlas show ID`: one rule as on its page, by rule id or `source:path`. */
import { Catalog } from '../../catalog/catalog.js';
import { loadAttack, ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { printRuleReport, ruleReport } from '../rule-report.js';
import { print, printJson } from '../output.js';

export function showCommand(ref: string, options: { db: string; json?: boolean; attack?: string }): number {
  const catalog = Catalog.open(options.db, { readonly: true });
  try {
    const view = catalog.rule(ref);
    if (!view) {
      process.stderr.write(`No rule ${ref} in ${options.db}\n`);
      return 1;
    }
    const attack = loadAttack({ bundle: options.attack, catalog });
    const report = ruleReport({ ...view, key: view.key }, attack.data);
    if (options.json) printJson({ ...report, raw: view.document.raw, remote: view.remote });
    else {
      printRuleReport(report);
      if (!attack.full) print(`\n${ATTACK_NOT_LOADED}`);
    }
    return 0;
  } finally {
    catalog.close();
  }
}
