/** `check` findings as a SARIF 2.1.0 log, as GitHub code scanning reads it: one run, a rule per code, a result per finding. */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describeCode, type Finding } from './finding.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function descriptor(code: string): ReportingDescriptor {
  const d = describeCode(code);
  return {
    id: code,
    ...(d ? { name: d.name } : {}),
    shortDescription: { text: d?.text ?? code },
    ...(d ? { defaultConfiguration: { level: d.level } } : {}),
  };
}

/** SARIF wants relative paths as URIs: `rules/a b.yml` → `rules/a%20b.yml`. */
function artifactUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** An end strictly after the start, or none: an empty or reversed region is not a region. */
function hasEnd(f: Finding): f is Finding & { endLine: number; endColumn: number } {
  if (f.endLine === undefined || f.endColumn === undefined) return false;
  return f.endLine > f.line || (f.endLine === f.line && f.endColumn > f.column);
}

function result(f: Finding, ruleIndex: number): Result {
  return {
    ruleId: f.code,
    ruleIndex,
    level: f.level,
    message: { text: f.rule ? `${f.message} (${f.rule.title})` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file) },
          region: {
            startLine: Math.max(1, f.line),
            startColumn: Math.max(1, f.column),
            ...(hasEnd(f) ? { endLine: f.endLine, endColumn: f.endColumn } : {}),
          },
        },
      },
    ],
  };
}

export function sarifLog(findings: Finding[], version: string): Log {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ruleatlas', version, rules: codes.map(descriptor) } },
        results: findings.map((f) => result(f, index.get(f.code)!)),
      },
    ],
  };
}
