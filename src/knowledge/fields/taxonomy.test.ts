// The field taxonomy: names of each schema, scope, prefixes, and coverage of the corpora's most frequent fields.
import { describe, expect, it } from 'vitest';
import { canonicalField, fieldConcept, fieldConcepts, fieldSchemas } from './taxonomy.js';
import { equivalents, indicatorLinks } from './equivalents.js';

const canon = (field: string, language: string, scope?: string) => canonicalField(field, { language, scope });

describe('canonicalField', () => {
  it('maps each schema’s process image path to one concept', () => {
    expect(canon('Image', 'sigma')).toBe('process.image_path');
    expect(canon('NewProcessName', 'sigma')).toBe('process.image_path');
    expect(canon('process.executable', 'eql')).toBe('process.image_path');
    expect(canon('Processes.process_path', 'spl')).toBe('process.image_path');
    expect(canon('process_path', 'spl')).toBe('process.image_path');
    expect(canon('FolderPath', 'kusto', 'DeviceProcessEvents')).toBe('process.image_path');
    expect(canon('target.process.file.full_path', 'yaral')).toBe('process.image_path');
    expect(canon('process_path', 'eql')).toBe('process.image_path');
  });

  it('is case-insensitive', () => {
    expect(canon('commandline', 'sigma')).toBe('process.command_line');
    expect(canon('PROCESSES.PROCESS', 'spl')).toBe('process.command_line');
  });

  it('reads Defender columns by table', () => {
    expect(canon('FileName', 'kusto', 'DeviceProcessEvents')).toBe('process.name');
    expect(canon('FileName', 'kusto', 'DeviceFileEvents')).toBe('file.name');
    expect(canon('FileName', 'kusto', 'DeviceImageLoadEvents')).toBe('image_loaded.name');
    expect(canon('FolderPath', 'kusto', 'DeviceFileEvents')).toBe('file.path');
    expect(canon('InitiatingProcessFileName', 'kusto', 'DeviceProcessEvents')).toBe('process.parent.name');
    expect(canon('InitiatingProcessFileName', 'kusto', 'DeviceNetworkEvents')).toBe('process.name');
    expect(canon('InitiatingProcessCommandLine', 'kusto', 'DeviceProcessEvents')).toBe(
      'process.parent.command_line',
    );
    expect(canon('ProcessCommandLine', 'kusto')).toBe('process.command_line');
    expect(canon('RemoteIP', 'kusto')).toBe('destination.ip');
  });

  it('strips CIM data-model prefixes and uses the dataset as scope', () => {
    expect(canon('Processes.parent_process_name', 'spl')).toBe('process.parent.name');
    expect(canon('Endpoint.Processes.process_name', 'spl')).toBe('process.name');
    expect(canon('Registry.registry_path', 'spl')).toBe('registry.key');
    expect(canon('Filesystem.file_path', 'spl')).toBe('file.path');
    expect(canon('All_Traffic.dest_port', 'spl')).toBe('destination.port');
    expect(canon('Processes.dest', 'spl')).toBe('host.name');
    expect(canon('Web.status', 'spl')).toBe('http.response.status_code');
    expect(canon('process_name', 'spl', 'Endpoint.Processes')).toBe('process.name');
  });

  it('reads ECS, Endgame, Windows Security and UDM names', () => {
    expect(canon('process.pe.original_file_name', 'eql')).toBe('process.original_file_name');
    expect(canon('dns.question.name', 'kuery')).toBe('dns.query');
    expect(canon('winlog.event_data.TargetUserName', 'kuery')).toBe('target_user.name');
    expect(canon('winlog.event_data.ServiceFileName', 'eql')).toBe('service.image_path');
    expect(canon('parent_process_name', 'eql')).toBe('process.parent.name');
    expect(canon('SubjectUserName', 'sigma')).toBe('user.name');
    expect(canon('ServiceFileName', 'sigma')).toBe('service.image_path');
    expect(canon('principal.process.command_line', 'yaral')).toBe('process.parent.command_line');
    expect(canon('network.dns.questions.name', 'yaral')).toBe('dns.query');
  });

  it('falls back to every schema for a field outside its language’s', () => {
    expect(canon('CommandLine', 'spl')).toBe('process.command_line');
    expect(canon('TargetFilename', 'kusto')).toBe('file.path');
    expect(canon('Image', 'unknown-language')).toBe('process.image_path');
    expect(canon('no_such_field_anywhere', 'sigma')).toBeUndefined();
  });

  it('looks up a hundred thousand fields in well under a second', () => {
    const names = [
      'Image',
      'CommandLine',
      'Processes.process_name',
      'FileName',
      'winlog.event_data.TargetUserName',
      'x',
    ];
    const started = performance.now();
    for (let i = 0; i < 100_000; i++)
      canon(names[i % names.length], 'spl', i % 2 ? 'DeviceFileEvents' : undefined);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('concepts', () => {
  it('has at least 60 concepts with names in several schemas', () => {
    expect(fieldConcepts().length).toBeGreaterThanOrEqual(60);
    const concept = fieldConcept('process.image_path')!;
    expect(concept.label).toBe('Process image path');
    expect(concept.names.sigma).toContain('Image');
    expect(concept.names.windows).toContain('NewProcessName');
    expect(Object.keys(concept.names)).toEqual(
      expect.arrayContaining(['sigma', 'windows', 'ecs', 'cim', 'defender', 'sentinel', 'endgame', 'udm']),
    );
    expect(fieldSchemas().cim).toBe('Splunk CIM');
    expect(fieldConcept('nothing')).toBeUndefined();
  });

  it('gives no name two meanings in one schema and scope', () => {
    const meaning = new Map<string, string>();
    for (const concept of fieldConcepts()) {
      for (const [schema, names] of Object.entries(concept.names)) {
        for (const name of names) {
          const key = `${schema}|${name.toLowerCase()}`;
          expect(meaning.get(key) ?? concept.id, key).toBe(concept.id);
          meaning.set(key, concept.id);
        }
      }
    }
  });
});

/** The most frequent field names of each corpus (counted over ../shared/corpus when the taxonomy was written). */
const frequent: Record<string, string[]> = {
  sigma: [
    'Image',
    'CommandLine',
    'OriginalFileName',
    'TargetFilename',
    'ParentImage',
    'TargetObject',
    'EventID',
    'Details',
    'ScriptBlockText',
    'ImageLoaded',
    'SourceImage',
    'ParentCommandLine',
    'cs-uri-query',
    'Provider_Name',
    'Description',
    'eventName',
    'TargetImage',
    'cs-method',
    'ImagePath',
    'eventSource',
    'Product',
    'Hashes',
    'PipeName',
    'Initiated',
    'Payload',
    'ProcessName',
    'QueryName',
    'GrantedAccess',
    'ObjectName',
    'ServiceFileName',
    'ServiceName',
    'DestinationIp',
    'c-uri',
    'User',
    'sc-status',
    'ContextInfo',
    'DestinationHostname',
    'DestinationPort',
    'IntegrityLevel',
    'c-useragent',
  ],
  kuery: [
    'process.name',
    'event.action',
    'user.id',
    'process.args',
    'host.os.type',
    'process.executable',
    'source.ip',
    'event.type',
    'process.command_line',
    'user.name',
    'event.category',
    'file.path',
    'event.outcome',
    'process.parent.executable',
    'process.parent.name',
    'user_agent.original',
    'process.pid',
    'host.name',
    'process.parent.command_line',
    'file.name',
    'process.code_signature.subject_name',
    'powershell.file.script_block_text',
    'destination.ip',
    'event.code',
    'event.provider',
    'process.code_signature.trusted',
    'process.pe.original_file_name',
    'user.domain',
    'process.hash.sha256',
    'registry.data.strings',
    'registry.path',
    'dns.question.name',
    'file.extension',
    'destination.port',
    'file.directory',
    'process.working_directory',
    'registry.value',
    'dll.path',
    'winlog.logon.type',
    'dll.name',
  ],
  spl: [
    'Processes.process',
    'Processes.process_name',
    'Processes.dest',
    'Processes.user',
    'Processes.parent_process_name',
    'Processes.process_id',
    'Processes.parent_process_id',
    'Processes.parent_process',
    'Processes.original_file_name',
    'Registry.registry_path',
    'Processes.process_path',
    'Registry.registry_value_data',
    'Processes.parent_process_path',
    'Registry.registry_key_name',
    'Registry.registry_value_name',
    'Processes.process_guid',
    'Filesystem.file_path',
    'Filesystem.file_name',
    'Web.url',
    'Web.http_method',
    'All_Traffic.dest_port',
    'Web.http_user_agent',
    'All_Traffic.dest_ip',
    'DNS.query',
    'All_Traffic.src_ip',
    'Authentication.user',
    'Processes.process_integrity_level',
    'Processes.process_current_directory',
  ],
  kusto: [
    'DeviceName',
    'ActionType',
    'ProcessCommandLine',
    'RemoteIP',
    'FileName',
    'InitiatingProcessCommandLine',
    'DeviceId',
    'RemoteUrl',
    'FolderPath',
    'InitiatingProcessFileName',
    'SHA256',
    'SHA1',
    'RemotePort',
    'AccountUpn',
    'AccountName',
    'AccountObjectId',
    'IPAddress',
    'InitiatingProcessAccountName',
    'LocalPort',
    'AccountDomain',
    'RegistryKey',
    'SenderFromAddress',
    'MD5',
    'RecipientEmailAddress',
    'UserPrincipalName',
    'AccountSid',
    'Protocol',
    'RegistryValueData',
    'InitiatingProcessFolderPath',
    'LogonType',
    'ProcessVersionInfoOriginalFileName',
  ],
  yaral: [
    'target.process.command_line',
    'metadata.product_event_type',
    'target.process.file.full_path',
    'target.file.full_path',
    'principal.user.userid',
    'metadata.event_type',
    'target.file.md5',
    'principal.ip',
    'target.url',
    'principal.process.file.full_path',
    'target.registry.registry_key',
    'principal.hostname',
    'target.hostname',
    'network.http.user_agent',
    'target.registry.registry_value_data',
    'principal.process.command_line',
    'target.ip',
    'target.user.userid',
    'target.port',
    'network.dns.questions.name',
  ],
};

describe('corpus fields', () => {
  for (const [language, names] of Object.entries(frequent)) {
    it(`knows at least 90% of the most frequent ${language} fields`, () => {
      const unknown = names.filter((name) => !canon(name, language));
      expect(unknown.length / names.length, `unknown: ${unknown.join(', ')}`).toBeLessThanOrEqual(0.1);
    });
  }
});

describe('equivalents', () => {
  it('turns an image path suffix into a process name and back', () => {
    expect(
      equivalents({ canonical: 'process.image_path', op: 'ends_with', value: '\\bitsadmin.exe' }),
    ).toEqual([{ canonical: 'process.name', op: 'eq', value: 'bitsadmin.exe' }]);
    expect(equivalents({ canonical: 'process.name', op: 'eq', value: 'bitsadmin.exe' })).toEqual([
      { canonical: 'process.image_path', op: 'ends_with', value: '\\bitsadmin.exe' },
      { canonical: 'process.image_path', op: 'ends_with', value: '/bitsadmin.exe' },
    ]);
    expect(equivalents({ canonical: 'process.parent.image_path', op: 'ends_with', value: '/bash' })).toEqual([
      { canonical: 'process.parent.name', op: 'eq', value: 'bash' },
    ]);
    expect(equivalents({ canonical: 'file.path', op: 'ends_with', value: '\\evil.dll' })).toEqual([
      { canonical: 'file.name', op: 'eq', value: 'evil.dll' },
    ]);
  });

  it('has none for suffixes that are not a whole name', () => {
    expect(equivalents({ canonical: 'process.image_path', op: 'ends_with', value: 'bitsadmin.exe' })).toEqual(
      [],
    );
    expect(
      equivalents({ canonical: 'process.image_path', op: 'ends_with', value: '\\system32\\cmd.exe' }),
    ).toEqual([]);
    expect(equivalents({ canonical: 'process.image_path', op: 'match', value: '\\cmd.exe' })).toEqual([]);
    expect(equivalents({ canonical: 'process.name', op: 'eq', value: 'c*.exe' })).toEqual([]);
  });
});

describe('indicatorLinks', () => {
  it('links a path containing \\name.exe to the name, which logic comparisons do not', () => {
    const contains = { canonical: 'process.parent.image_path', op: 'match', value: '\\winword.exe' };
    expect(indicatorLinks(contains)).toEqual([
      { canonical: 'process.parent.name', op: 'eq', value: 'winword.exe' },
    ]);
    expect(equivalents(contains)).toEqual([]);
    expect(indicatorLinks({ ...contains, value: '\\office\\winword.exe' })).toEqual([]);
  });
});
