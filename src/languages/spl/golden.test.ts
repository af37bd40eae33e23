/** Golden tests for SPL: every case under test/golden/spl parsed with a small set of macros, compared with its reviewed JSON. */
import { describe, expect, it } from 'vitest';
import { expectGolden, goldenCases } from '../../../test/golden.js';
import { parseQuery } from '../../../test/parse.js';
import { projectQuery } from '../../../test/project.js';
import type { MacroDefinition, SourceContext } from '../../model/artifact.js';

/** The macros the golden cases call, keyed as the catalog keys them: `name`, or `name(N)`. */
function goldenContext(): SourceContext {
  const macro = (name: string, definition: string, args: string[] = []): [string, MacroDefinition] => [
    args.length ? `${name}(${args.length})` : name,
    { type: 'macro', name, args, definition, path: 'macros.yml' },
  ];
  return {
    macros: new Map([
      macro('sysmon', 'sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'),
      macro(
        'process_bitsadmin',
        '(Processes.process_name=bitsadmin.exe OR Processes.original_file_name=bitsadmin.exe)',
      ),
      macro('security_content_summariesonly', 'summariesonly=false allow_old_summaries=true'),
      macro('security_content_ctime', 'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)', ['field']),
      macro('drop_dm_object_name', 'rename $name$.* as *', ['name']),
      macro('field_is', '$field$=$value$', ['field', 'value']),
      macro('b64', 'eval $f$_len=len($f$) | where $f$_len > 100', ['f']),
      macro('nested', '`sysmon` EventCode=1'),
      macro('noop_filter', 'search *'),
      macro('empty', ''),
      macro('cycle_a', '`cycle_b` x=1'),
      macro('cycle_b', '`cycle_a`'),
    ]),
    dataSources: new Map(),
  };
}

describe('SPL golden cases', () => {
  const cases = goldenCases('spl');
  it('has at least 40 cases and error cases', () => {
    expect(cases.filter((c) => !c.name.startsWith('_errors_/')).length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.name.startsWith('_errors_/')).length).toBeGreaterThanOrEqual(6);
  });
  for (const c of cases) {
    it(c.name, () => {
      const parsed = parseQuery('spl', c.input, undefined, goldenContext());
      expectGolden('spl', c.name, projectQuery(parsed));
      const errors = parsed.diagnostics.filter((d) => d.severity !== 'info');
      if (c.name.startsWith('_errors_/')) {
        expect(errors.length).toBeGreaterThan(0);
        for (const d of errors) expect(d.line >= 1 && d.column >= 1).toBe(true);
      } else {
        expect(errors).toEqual([]);
      }
    });
  }
});
