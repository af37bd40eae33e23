/** How the golden cases of each language are parsed, where the default (each file is one bare query) does not fit. */
import type { MacroDefinition, SourceContext } from '../../src/model/artifact.js';
import type { Severity } from '../../src/model/diagnostic.js';
import type { LanguageId } from '../../src/model/ids.js';
import type { FormatReader } from '../../src/formats/format.js';
import { sigmaReader } from '../../src/formats/sigma/index.js';
import { emptyContext } from '../../src/languages/language.js';

export interface GoldenSetup {
  /** The source options a case is parsed with; its name holds its subfolder (`legacy/join-until`). */
  options(name: string): Record<string, unknown> | undefined;
  context(): SourceContext;
  /** Whole files that only make sense read by their format (a Sigma rule is a YAML file, not a query). */
  reader?: FormatReader;
  /** A case outside `_errors_/` may not have diagnostics of these severities. */
  clean: readonly Severity[];
  /** Fewer cases than this means the language's constructs are not covered (or its folder is gone). */
  minimumCases: number;
  /** Why a query of this language cannot be embedded as a value in a YAML or TOML file, if it cannot. */
  notEmbeddable?: string;
}

const DEFAULT: GoldenSetup = {
  options: () => undefined,
  context: emptyContext,
  clean: ['error'],
  minimumCases: 15,
};

/** The macros the SPL golden cases call, keyed as the catalog keys them: `name`, or `name(N)`. */
function splContext(): SourceContext {
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

const SETUPS: Partial<Record<LanguageId, Partial<GoldenSetup>>> = {
  sigma: {
    reader: sigmaReader,
    notEmbeddable: 'a Sigma rule is a whole YAML file, never a value inside another file',
  },
  spl: { context: splContext, clean: ['error', 'warning'], minimumCases: 40 },
  // `legacy/` cases hold eqllib's queries, read with the original engine's semantics as the eqllib reader does.
  eql: { options: (name) => (name.startsWith('legacy/') ? { legacy: true } : undefined), minimumCases: 40 },
  kusto: { minimumCases: 50 },
  yaral: { minimumCases: 25 },
};

export function goldenSetup(language: LanguageId): GoldenSetup {
  return { ...DEFAULT, ...SETUPS[language] };
}
