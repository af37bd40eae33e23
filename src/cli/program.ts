/** The `ruleatlas` commands, their arguments and options, each described for `--help`. */
import { Command, Option } from 'commander';
import { SEARCH_SORTS } from '../catalog/views.js';
import { UsageError } from './output.js';
import { DEFAULT_DB, DEMO_DB } from './catalog-file.js';
import { ingestCommand } from './commands/ingest.js';
import { explainCommand } from './commands/explain.js';
import { showCommand } from './commands/show.js';
import { searchCommand } from './commands/search.js';
import { statsCommand } from './commands/stats.js';
import { indicatorsCommand } from './commands/indicators.js';
import { coverageCommand } from './commands/coverage.js';
import { attackUpdateCommand } from './commands/attack.js';
import { serveCommand } from './commands/serve.js';
import { demoCommand } from './commands/demo.js';
import { eventsCommand } from './commands/events.js';
import { testCommand } from './commands/test.js';
import { huntCommand } from './commands/hunt.js';
import { mcpCommand } from './commands/mcp.js';
import { checkCommand } from './commands/check.js';
import { convertCommand } from './commands/convert.js';
import { similarCommand } from './commands/similar.js';
import { overlapCommand } from './commands/overlap.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`Expected a whole number, got ${value}`);
  return n;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port takes a port number from 0 (any free port) to 65535, got ${value}`);
  return n;
}

/** A repeatable option's values in the order given (`--language sigma --language eql`). */
function repeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Options every command takes. */
function common(cmd: Command): Command {
  return cmd
    .option('--db <path>', 'catalog database file', DEFAULT_DB)
    .option('--json', 'print one JSON document on stdout');
}

const ATTACK_BUNDLE = 'ATT&CK STIX bundle (.json or .json.gz) to resolve techniques with';
const SPEC_LANGUAGES = 'sigma, spl, eql, kuery, lucene, esql, kusto, yaral';

function catalogCommands(program: Command, run: (code: number | Promise<number>) => void): void {
  common(
    program
      .command('ingest')
      .argument('<path...>', 'rule folders or files')
      .option('--name <name>', 'the source name (one PATH)')
      .option(
        '--remote <url>',
        'the repository on the web (https://github.com/o/r) for a copy without .git: rule pages link to their files there',
      ),
  )
    .addOption(
      new Option(
        '--jobs <n>',
        'parse threads beside the writer (default: cores - 1; 0 parses on the main thread)',
      ).argParser(positiveInt),
    )
    .description('add or refresh sources')
    .action((paths, o) => run(ingestCommand(paths, o)));
  common(program.command('show').argument('<id>', 'rule id or source:path'))
    .option('--attack <path>', ATTACK_BUNDLE)
    .description('one rule as on its page')
    .action((id, o) => run(showCommand(id, o)));
  common(program.command('search').argument('[text...]', 'words in titles, descriptions, queries and tags'))
    .option(
      '--language <l>',
      `a query language (${SPEC_LANGUAGES}, none); repeat for any of several`,
      repeated,
    )
    .option('--source <s>', 'a source name; repeat for any of several', repeated)
    .option('--technique <t>', 'an ATT&CK technique id (T1197 finds its sub-techniques too), or none')
    .option('--tactic <t>', 'an ATT&CK tactic by id, shortname or name; repeat for any of several', repeated)
    .option('--field <f>', 'an indicator field, as written or its taxonomy concept (Image, process.name)')
    .option('--value <v>', 'an indicator value (\\bitsadmin.exe)')
    .option('--op <op>', 'an indicator operator (equals, contains, ends_with, ...)')
    .option('--severity <s>', 'a severity as rules declare it, or none; repeat for any of several', repeated)
    .option('--status <s>', 'a status as rules declare it, or none; repeat for any of several', repeated)
    .option(
      '--event <e>',
      'an event provider (Sysmon) or event (Event ID 1); repeat for any of several',
      repeated,
    )
    .addOption(
      new Option(
        '--sort <order>',
        'relevance (default with words), title (default without), date or severity',
      ).choices(SEARCH_SORTS),
    )
    .option('--csv', 'every matching rule as CSV on stdout (no paging)')
    .addOption(new Option('--limit <n>', 'rules to list').argParser(positiveInt).default(50))
    .addOption(
      new Option('--offset <n>', 'rules to skip first, for paging').argParser(positiveInt).default(0),
    )
    .description('rules that match, with facet counts')
    .action((text, o) => run(searchCommand(text, o)));
  common(program.command('stats'))
    .description('rules and parse health per source and language')
    .action((o) => run(statsCommand(o)));
  common(program.command('indicators'))
    .option('--field <f>', 'only indicators of this field, as written or its taxonomy concept')
    .option('--value <v>', 'only indicators of this value; lists the rules behind them')
    .option('--op <op>', 'only indicators of this operator (equals, contains, ends_with, ...)')
    .option('--kind <kind>', 'detection or exclusion')
    .addOption(
      new Option('--top <n>', 'indicators to list, by corpus count').argParser(positiveInt).default(25),
    )
    .description('indicators with corpus counts; the rules behind one')
    .action((o) => run(indicatorsCommand(o)));
  common(program.command('coverage'))
    .option('--layer <file>', 'write an ATT&CK Navigator layer')
    .option('--source <s>', 'only rules of this source')
    .option('--language <l>', 'only rules of this language')
    .option('--compare <sources...>', 'two sources: techniques one covers and the other does not')
    .option('--declared', 'count each rule under the tactics it declares only')
    .option('--have <events>', 'only these log events are collected: "sysmon:1,3,11;security:4688"')
    .option('--without <events>', 'these log events are not collected: "sysmon:7"')
    .option('--attack <path>', ATTACK_BUNDLE)
    .description('ATT&CK coverage; with --have or --without, the rules and techniques that go blind')
    .action((o) => run(coverageCommand(o)));
  common(program.command('similar').argument('<ref>', 'rule id, source:path, or a rule file'))
    .option('--language <l>', 'only related rules of this language')
    .addOption(
      new Option('--top <n>', 'related rules to list, best first').argParser(positiveInt).default(10),
    )
    .description('rules related by logic across languages: equivalent, narrower, broader, overlapping')
    .action((ref, o) => run(similarCommand(ref, o)));
  common(program.command('overlap'))
    .option('--source <s...>', 'two sources to compare (one with --duplicates)')
    .option('--duplicates', 'equivalent rules within a source, or the whole catalog')
    .option('--layer <file>', 'write an ATT&CK Navigator layer: only A, only B, both')
    .description('one source against another by rule logic; or duplicate rules')
    .action((o) => run(overlapCommand(o)));
  const attack = program.command('attack').description('ATT&CK data');
  common(
    attack
      .command('update')
      .option(
        '--from <pathOrUrl>',
        "a STIX bundle file or URL (default: MITRE's latest Enterprise ATT&CK bundle)",
      ),
  )
    .description('load or refresh ATT&CK data')
    .action((o) => run(attackUpdateCommand(o)));
}

function fileCommands(program: Command, run: (code: number | Promise<number>) => void): void {
  common(
    program
      .command('explain')
      .argument('<file>', 'a rule file of any supported format')
      .option('--language <language>', 'read the whole file as one query in this language'),
  )
    .option('--attack <path>', ATTACK_BUNDLE)
    .option(
      '--macros <dir>',
      "a folder of SPL macro definitions to expand (default: the repository's macros/)",
    )
    .description('parse one file without a catalog and print each rule')
    .action((file, o) => run(explainCommand(file, o)));
  program
    .command('events')
    .argument('<file...>', 'event files (JSON, NDJSON, .gz, EVTX) or folders of them')
    .option('--json', 'NDJSON, as without it: one normalized event per line')
    .description('the events of files as the engine sees them, one per line')
    .action((files, o) => run(eventsCommand(files, o)));
  common(
    program
      .command('hunt')
      .argument('<events...>', 'event files (JSON, NDJSON, .gz, EVTX) or folders of them')
      .option('--rules <paths...>', 'rule files or folders to read instead of the catalog'),
  )
    .option('--language <l>', 'only rules of this language')
    .option('--source <s>', 'only rules of this source')
    .option('--explain', 'show, per hit, the predicates that matched and the event values')
    .option('--layer <file>', 'write an ATT&CK Navigator layer of the techniques that fired')
    .description('which rules fire on which events, and why')
    .action((events, o) => run(huntCommand(events, o)));
  common(
    program.command('convert').argument('[rule]', 'a rule file, or a rule id or source:path in the catalog'),
  )
    .requiredOption('--to <language>', 'the target language')
    .option('--format <format>', "query (the query alone) or rule (the target's rule file)", 'query')
    .option('--allow-lossy', 'exit 0 even when something was dropped or weakened')
    .option('--verify <events...>', 'events the source and the conversion must fire on alike')
    .option('--all', 'convert every rule of the catalog')
    .option('--source <s>', 'with --all: only rules of this source')
    .option('--out <dir>', 'with --all: the folder to write converted rules to')
    .description('a rule in another language, with its losses, proved by parsing it back')
    .action((rule, o) => run(convertCommand(rule, o)));
  program
    .command('test')
    .argument(
      '[path...]',
      "folders or info.yml files of rules' test data (SigmaHQ regression_data; Splunk detections' tests are listed)",
    )
    .option('--json', 'print one JSON document on stdout')
    .description("run rules' own test events through the engine")
    .action((paths, o) => run(testCommand(paths, o)));
  common(program.command('check').argument('<path...>', 'rule files or folders'))
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--fail-on <level>', 'exit 1 on findings at or above: error or warning', 'error')
    .option('--attack <path>', 'ATT&CK STIX bundle to check technique ids against')
    .description('lint rule files in every language; SARIF 2.1.0 for code scanning')
    .action((paths, o) => run(checkCommand(paths, o)));
}

function serverCommands(program: Command, run: (code: number | Promise<number>) => void): void {
  common(program.command('serve'))
    .addOption(new Option('--port <n>', 'port to listen on').argParser(portNumber).default(8080))
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--attack <path>',
      "ATT&CK STIX bundle (default: the catalog's, the cache, or the shipped ATT&CK table)",
    )
    .description('the web catalog and its JSON API')
    .action((o) => run(serveCommand(o)));
  program
    .command('mcp')
    .option('--db <path>', 'catalog database file', DEFAULT_DB)
    .description('the catalog as a Model Context Protocol server over stdio')
    .action((o) => run(mcpCommand(o)));
  common(program.command('demo'))
    .addOption(new Option('--port <n>', 'port to listen on').argParser(portNumber).default(8080))
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--attack <path>', ATTACK_BUNDLE)
    .option('--no-serve', 'ingest only')
    .description('ingest the bundled example rules into a fresh catalog and serve them')
    .action((o) => run(demoCommand({ ...o, db: o.db === DEFAULT_DB ? DEMO_DB : o.db })));
}

export function buildProgram(run: (code: number | Promise<number>) => void): Command {
  // Set before the subcommands exist, which copy it: usage errors then reach exitCodeFor as exceptions.
  const program = new Command('ruleatlas')
    .description('A catalog of security detection rules')
    .showHelpAfterError()
    .exitOverride();
  catalogCommands(program, run);
  fileCommands(program, run);
  serverCommands(program, run);
  return program;
}
