/** The SPL command vocabulary: Splunk's built-in search commands and those of common apps, and stage kinds. */

const KNOWN = new Set(
  `abstract accum addcoltotals addinfo addtotals analyzefields anomalies anomalousvalue anomalydetection append appendcols
  appendpipe apply arules associate audit autoregress awssnsalert bin bucket bucketdir chart cluster cofilter collect
  concurrency contingency convert correlate ctable datamodel datamodelsimple dbinspect dbxquery dedup delete delta diff
  entitymerge erex eval eventcount eventstats extract kv fieldformat fields fieldsummary filldown fillnull findtypes
  fit folderize foreach format from fromjson gauge gentimes geom geomfilter geostats head highlight history iconify
  inputcsv inputintelligence inputlookup iplocation join kmeans kvform loadjob localize localop lookup makecontinuous
  makemv makeresults map mcollect metadata metasearch meventcollect mpreview msearch mstats multikv multisearch mvcombine
  mvexpand nomv outlier outputcsv outputlookup outputtext overlap pivot predict rangemap rare redistribute regex reltime
  rename replace require rest return reverse rex rtorder run savedsearch score script scrub search searchtxn selfjoin
  sendalert sendemail set setfields sichart sirare sistats sitimechart sitop sort spath stats strcat streamstats summary
  summaryindex table tags tail timechart timewrap tojson top transaction transpose trendline tscollect tstats typeahead
  typelearner typer union uniq untable walklate where x11 xmlkv xmlunescape xpath xsdisplayconcept xsdisplaycontext
  xsfindbestconcept xslistconcept xslistcontext xsupdateddcontext xswhere sample
  ut_parse ut_parse_extended ut_shannon ut_levenshtein ut_bayesian ut_netloc ut_suites ut_countset
  haversine ldapsearch ldapfilter ldapfetch ldapgroup`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

export function isKnownCommand(name: string): boolean {
  return KNOWN.has(name);
}

/** The stage kind of a command: its name in lower case, `bin` reported as `bucket` (the same command). */
export function stageKind(name: string): string {
  return name === 'bin' ? 'bucket' : name;
}

/** Search-time modifiers: they bound the time range, they are not field predicates. */
export const TIME_MODIFIERS = new Set([
  'earliest',
  'latest',
  'starttime',
  'endtime',
  'startdaysago',
  'enddaysago',
  'starthoursago',
  'endhoursago',
  'startminutesago',
  'endminutesago',
  'startmonthsago',
  'endmonthsago',
  'timeformat',
  'searchtimespandays',
  'searchtimespanhours',
  'searchtimespanminutes',
]);

/** Commands that read data the events do not carry, or run what the engine cannot: why their stage is not evaluable. */
const NOT_EVALUABLE: Readonly<Record<string, string>> = {
  inputlookup: 'reads a lookup table (inputlookup), which events do not carry',
  inputcsv: 'reads a CSV file (inputcsv), which events do not carry',
  rest: 'queries the Splunk REST API (rest)',
  fit: 'trains a machine learning model (fit)',
  apply: 'applies a machine learning model (apply)',
  mstats: 'reads metrics (mstats), not events',
  map: 'runs a search per result (map)',
  dbxquery: 'queries an external database (dbxquery)',
  ldapsearch: 'queries a directory (ldapsearch)',
  ldapfilter: 'queries a directory (ldapfilter)',
  ldapfetch: 'queries a directory (ldapfetch)',
  ldapgroup: 'queries a directory (ldapgroup)',
  loadjob: 'reads the results of another search job (loadjob)',
  savedsearch: 'runs a saved search (savedsearch)',
  makeresults: 'makes its own results (makeresults)',
  gentimes: 'makes its own results (gentimes)',
  metadata: 'reads index metadata (metadata)',
  eventcount: 'reads index metadata (eventcount)',
  dbinspect: 'reads index metadata (dbinspect)',
  join: 'joins the results of a subsearch (join)',
  append: 'adds the results of another search (append)',
  appendcols: 'adds the results of another search (appendcols)',
  appendpipe: 'adds the results of a sub-pipeline (appendpipe)',
  union: 'adds the results of other searches (union)',
  multisearch: 'runs several searches (multisearch)',
  set: 'combines the results of other searches (set)',
  transaction: 'groups events into transactions (transaction)',
  chart: 'pivots results into columns (chart)',
  timechart: 'pivots results into time columns (timechart)',
  anomalydetection: 'scores results with a statistical model (anomalydetection)',
  anomalies: 'scores results with a statistical model (anomalies)',
  anomalousvalue: 'scores results with a statistical model (anomalousvalue)',
  outlier: 'scores results with a statistical model (outlier)',
  predict: 'forecasts with a statistical model (predict)',
  cluster: 'clusters results (cluster)',
  kmeans: 'clusters results (kmeans)',
};

/** Why a command makes its stage not evaluable, if it does. */
export function notEvaluableCommand(name: string): string | undefined {
  if (Object.hasOwn(NOT_EVALUABLE, name)) return NOT_EVALUABLE[name];
  if (!isKnownCommand(name)) return `runs the command ${name}, which ruleatlas does not know`;
  return undefined;
}

/** Commands that change no column a later filter reads and filter nothing. */
export const NO_EFFECT = new Set(
  `table fields dedup sort head tail reverse fieldformat collect outputlookup outputcsv outputtext sendalert sendemail
  addinfo mvexpand makemv nomv mvcombine typer tags localize uniq return format highlight iconify abstract summaryindex
  tscollect mcollect meventcollect datamodel from`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
