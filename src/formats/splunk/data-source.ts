/** Reads Splunk security_content data source YAML (`data_sources/*.yml`) into data source artifacts. */
import { taken, type FormatReader, type Taken, type ReadResult, type SourceFile } from '../format.js';
import type { DataSourceDefinition } from '../../model/artifact.js';
import { optionalString, stringList } from '../document.js';
import { asRecord, parseYamlDocuments } from '../../text/yaml-documents.js';
import { FileLocator } from '../../text/locator.js';
import { diagnostic } from '../../text/diagnostics.js';
import { hasKeyAtLineStart, isYamlPath } from './top-keys.js';

const FORMAT = 'splunk-data-source';

export const splunkDataSourceReader: FormatReader<Taken> = {
  id: FORMAT,
  label: 'YAML',
  artifactsOnly: true,
  recognize: (file) =>
    taken(
      isYamlPath(file.path) &&
        hasKeyAtLineStart(file.text, 'sourcetype') &&
        hasKeyAtLineStart(file.text, 'source') &&
        hasKeyAtLineStart(file.text, 'name') &&
        !hasKeyAtLineStart(file.text, 'search'),
    ),
  read: readDataSource,
};

function readDataSource(file: SourceFile): ReadResult {
  const locator = new FileLocator(file.text);
  const [doc] = parseYamlDocuments(file.text, locator, FORMAT);
  const record = asRecord(doc?.value);
  const name = optionalString(record?.name)?.trim();
  if (!doc || !record || !name) {
    const at = diagnostic(
      'error',
      'Unexpected data source content, expected a mapping with `name`',
      locator.position(0),
      FORMAT,
    );
    return { rules: [], artifacts: [], diagnostics: [...(doc?.diagnostics ?? []), at] };
  }
  const artifact: DataSourceDefinition = {
    type: 'data_source',
    name,
    source: optionalString(record.source),
    sourcetype: optionalString(record.sourcetype),
    eventIds: eventIdsOf(record, name),
    path: file.path,
  };
  return { rules: [], artifacts: [artifact], diagnostics: doc.diagnostics };
}

/**
 * Event ids a data source carries: an explicit list where the file has one, else the id its name
 * ends with when it is split on an event-id field (`Sysmon EventID 1`, `Windows Event Log Security 4688`).
 */
function eventIdsOf(record: Record<string, unknown>, name: string): string[] {
  const listed = stringList(record.event_ids ?? record.eventIds ?? record.event_id);
  if (listed.length > 0) return listed;
  const separator = optionalString(record.separator) ?? '';
  const numeric = /(?:^|\s)(\d{1,5})$/.exec(name);
  if (!numeric) return [];
  const splitById =
    /^(?:EventCode|EventID)$/i.test(separator) || /\bEventID\b|^(?:Windows|Sysmon|Powershell)\b/i.test(name);
  return splitById ? [numeric[1]] : [];
}
