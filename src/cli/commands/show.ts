/** `ruleatlas show ID`: one rule as on its page, by rule id or `source:path`. */
import { openCatalog } from '../catalog-file.js';
import { loadAttack, ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { ruleReport, ruleReportText } from '../../analysis/report/index.js';
import { print, printJson } from '../output.js';

export function showCommand(ref: string, options: { db: string; json?: boolean; attack?: string }): number {
  const catalog = openCatalog(options.db);
  try {
    const view = catalog.rule(ref);
    if (!view) {
      process.stderr.write(`No rule ${ref} in ${options.db}\n`);
      return 1;
    }
    const attack = loadAttack({ bundle: options.attack, catalog });
    const report = ruleReport(view, attack.data);
    if (options.json) printJson(report);
    else {
      print(ruleReportText(report));
      if (!attack.full) print(`\n${ATTACK_NOT_LOADED}`);
    }
    return 0;
  } finally {
    catalog.close();
  }
}
