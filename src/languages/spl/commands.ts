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
