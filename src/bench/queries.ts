/** The fixed set of 50 search queries the benchmark times: free text, field/value, technique, tactic and facets. */

const TEXT = [
  'bitsadmin',
  'powershell',
  'mimikatz',
  'lsass',
  'rundll32',
  'regsvr32',
  'certutil',
  'wmic',
  'schtasks',
  'psexec',
  'credential dumping',
  'scheduled task',
  'registry run key',
  'base64',
  'encoded command',
  'office macro',
  'shadow copy',
  'kerberos',
  'dns tunneling',
  'reverse shell',
];
const FIELDS = [
  ['Image', '\\bitsadmin.exe'],
  ['CommandLine', '/transfer'],
  ['process.name', 'powershell.exe'],
  ['ProcessCommandLine', 'encodedcommand'],
  ['Processes.process_name', 'cmd.exe'],
  ['ParentImage', '\\winword.exe'],
  ['TargetObject', 'currentversion\\run'],
  ['EventID', '4688'],
  ['OriginalFileName', 'rundll32.exe'],
  ['FileName', 'powershell.exe'],
];
const TECHNIQUES = [
  'T1197',
  'T1059.001',
  'T1105',
  'T1003.001',
  'T1218.011',
  'T1053.005',
  'T1547.001',
  'T1055',
  'T1021.002',
  'T1566.001',
];
const FACETS = [
  'language=sigma',
  'language=spl',
  'language=eql',
  'language=kusto',
  'severity=high',
  'status=experimental',
  'tactic=persistence',
  'tactic=credential-access',
  'q=powershell&language=sigma&severity=high',
  'q=process&event=Sysmon',
];

const enc = encodeURIComponent;

/** Free text alone. */
export const TEXT_QUERIES: string[] = TEXT.map((t) => `q=${enc(t)}`);

/** Filters without free text, and filters with it: each answer counts its facets. */
export const FACETED_QUERIES: string[] = [
  ...FIELDS.map(([f, v]) => `field=${enc(f)}&value=${enc(v)}`),
  ...TECHNIQUES.map((t) => `technique=${t}`),
  ...FACETS,
];

export const BENCH_QUERIES: string[] = [...TEXT_QUERIES, ...FACETED_QUERIES];
