/** The grammar of each Kusto tabular operator, as data: which options, keywords and argument shape it takes. */

export type Grammar =
  | 'predicate'
  | 'list'
  | 'join'
  | 'union'
  | 'parse'
  | 'apply'
  | 'partition'
  | 'fork'
  | 'datatable'
  | 'externaldata'
  | 'search'
  | 'find'
  | 'opaque';

export interface OperatorSpec {
  grammar: Grammar;
  /** Option names written `name=value` before the arguments (`hint.*` is always allowed). */
  options?: ReadonlySet<string>;
  /** Words that separate argument groups (`by`, `on`, `asc`). */
  keywords?: ReadonlySet<string>;
}

const words = (...list: string[]): ReadonlySet<string> => new Set(list);

const ORDERING = words('by', 'asc', 'desc', 'nulls', 'first', 'last');
const NONE = words();

const list = (keywords: ReadonlySet<string> = NONE, options?: ReadonlySet<string>): OperatorSpec => ({
  grammar: 'list',
  keywords,
  options,
});

export const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map<string, OperatorSpec>([
  ['where', { grammar: 'predicate' }],
  ['filter', { grammar: 'predicate' }],
  ['project', list()],
  ['project-away', list()],
  ['project-keep', list()],
  ['project-rename', list()],
  ['project-reorder', list(words('asc', 'desc', 'granny-asc', 'granny-desc'))],
  ['project-smart', list()],
  ['extend', list()],
  ['distinct', list()],
  ['serialize', list()],
  ['getschema', list()],
  ['count', list(words('as'))],
  ['take', list()],
  ['limit', list()],
  ['sample', list()],
  ['sample-distinct', list(words('of'))],
  ['summarize', list(words('by'))],
  ['sort', list(ORDERING)],
  ['order', list(ORDERING)],
  ['top', list(ORDERING)],
  ['top-nested', list(words('of', 'by', 'with', 'others', 'asc', 'desc', 'nulls', 'first', 'last'))],
  ['top-hitters', list(words('of', 'by'))],
  ['make-series', list(words('on', 'from', 'to', 'step', 'by', 'in'), words('kind', 'default'))],
  ['mv-expand', list(words('to', 'limit'), words('kind', 'bagexpansion', 'with_itemindex'))],
  ['render', list(words('with'))],
  ['as', list(NONE, words('hint.materialized'))],
  ['invoke', list()],
  ['evaluate', list()],
  ['consume', list()],
  ['reduce', list(words('by', 'with'), words('threshold', 'characters'))],
  ['print', list()],
  ['range', list(words('from', 'to', 'step'))],
  ['parse-kv', list(words('as', 'with'))],
  ['facet', list(words('by', 'with'))],
  ['join', { grammar: 'join', options: words('kind') }],
  ['lookup', { grammar: 'join', options: words('kind') }],
  ['union', { grammar: 'union', options: words('kind', 'withsource', 'isfuzzy') }],
  ['parse', { grammar: 'parse', options: words('kind', 'flags') }],
  ['parse-where', { grammar: 'parse', options: words('kind', 'flags') }],
  [
    'mv-apply',
    {
      grammar: 'apply',
      options: words('kind', 'bagexpansion', 'with_itemindex'),
      keywords: words('to', 'limit'),
    },
  ],
  ['partition', { grammar: 'partition', options: NONE }],
  ['fork', { grammar: 'fork' }],
  ['scan', { grammar: 'opaque', options: words('with_match_id') }],
  ['make-graph', { grammar: 'opaque' }],
  ['graph-match', { grammar: 'opaque' }],
  ['graph-to-table', { grammar: 'opaque' }],
  ['datatable', { grammar: 'datatable' }],
  ['externaldata', { grammar: 'externaldata' }],
  ['search', { grammar: 'search', options: words('kind') }],
  ['find', { grammar: 'find', options: words('withsource', 'datascope', 'hint.materialized') }],
]);

/** Names older queries still use for today's operators (`mvexpand`, before the hyphen). */
export const LEGACY_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['mvexpand', 'mv-expand'],
  ['mvapply', 'mv-apply'],
  ['parsewhere', 'parse-where'],
  ['projectaway', 'project-away'],
  ['projectrename', 'project-rename'],
]);

/** Operators that may start a pipeline in place of a table. */
export const SOURCE_OPERATORS = words(
  'union',
  'datatable',
  'externaldata',
  'print',
  'range',
  'search',
  'find',
  'evaluate',
);
