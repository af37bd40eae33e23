/** Reads Splunk security_content macro YAML (`name`, `definition`, `arguments`) into macro artifacts. */
import { taken, type FormatReader, type Taken, type ReadResult, type SourceFile } from '../format.js';
import type { MacroDefinition } from '../../model/artifact.js';
import { optionalString, stringList } from '../document.js';
import { nodeAt } from '../yaml.js';
import { asRecord, parseYamlDocuments } from '../../text/yaml-documents.js';
import { FileLocator } from '../../text/locator.js';
import { diagnostic } from '../../text/diagnostics.js';
import { hasKeyAtLineStart, isYamlPath } from './top-keys.js';

const FORMAT = 'splunk-macros';

export const splunkMacrosReader: FormatReader<Taken> = {
  id: FORMAT,
  label: 'YAML',
  artifactsOnly: true,
  recognize: (file) =>
    taken(
      isYamlPath(file.path) &&
        hasKeyAtLineStart(file.text, 'definition') &&
        hasKeyAtLineStart(file.text, 'name') &&
        !hasKeyAtLineStart(file.text, 'search'),
    ),
  read: readMacros,
};

/** A macros file holds one macro, or a list of them in one document or several. */
function readMacros(file: SourceFile): ReadResult {
  const locator = new FileLocator(file.text);
  const artifacts: MacroDefinition[] = [];
  const diagnostics = [];
  for (const doc of parseYamlDocuments(file.text, locator, FORMAT)) {
    diagnostics.push(...doc.diagnostics);
    const items = Array.isArray(doc.value) ? doc.value : [doc.value];
    items.forEach((item, i) => {
      const record = asRecord(item);
      const name = optionalString(record?.name)?.trim();
      const definition = record ? optionalString(record.definition) : undefined;
      if (!record || !name || definition === undefined) {
        if (item !== null && item !== undefined)
          diagnostics.push(
            diagnostic(
              'error',
              'Unexpected macro entry, expected `name` and `definition`',
              locator.position(doc.start),
              FORMAT,
            ),
          );
        return;
      }
      const node = nodeAt(doc.doc, Array.isArray(doc.value) ? [i] : []) ?? doc.doc.contents ?? undefined;
      const range = node?.range;
      artifacts.push({
        type: 'macro',
        name,
        args: stringList(record.arguments ?? record.args).map((a) => a.trim()),
        definition,
        description: optionalString(record.description)?.trim(),
        path: file.path,
        span: range ? locator.span(range[0], range[1]) : undefined,
      });
    });
  }
  return { rules: [], artifacts, diagnostics };
}
