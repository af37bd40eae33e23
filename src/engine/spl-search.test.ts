// SPL searches as the engine evaluates them on Windows events: raw terms, field comparisons, NOT and !=,
// precedence, data source selectors, and where/eval expressions.
import { describe, expect, it } from 'vitest';
import { splFires, sysmonProcess, windowsEvent } from '../../test/spl-engine.js';

const bits = sysmonProcess();
const cmd = sysmonProcess({
  Image: 'C:\\Windows\\System32\\cmd.exe',
  OriginalFileName: 'Cmd.Exe',
  CommandLine: 'cmd.exe /c whoami',
});
const security4688 = windowsEvent('Microsoft-Windows-Security-Auditing', 'Security', 4688, {
  NewProcessName: 'C:\\Windows\\System32\\bitsadmin.exe',
  CommandLine: 'bitsadmin /transfer job1 http://203.0.113.7/p.exe',
  SubjectUserName: 'alice',
});
const both = [bits, cmd];

describe('search terms against the raw event', () => {
  it('finds a term between breakers, without case, with wildcards', () => {
    expect(splFires('BitsAdmin', both)).toEqual([0]);
    expect(splFires('admin', both)).toEqual([]);
    expect(splFires('*admin*', both)).toEqual([0]);
    expect(splFires('"/transfer job1"', both)).toEqual([0]);
    expect(splFires('whoami NOT bitsadmin', both)).toEqual([1]);
  });

  it('reads TERM() between major breakers only and CASE() with case', () => {
    expect(splFires('TERM(cmd.exe)', both)).toEqual([0, 1]);
    expect(splFires('TERM(203.0.113.7)', both)).toEqual([]);
    expect(splFires('TERM(http://203.0.113.7/p.exe)', both)).toEqual([0]);
    expect(splFires('CASE(Public)', both)).toEqual([0]);
    expect(splFires('CASE(PUBLIC)', both)).toEqual([]);
  });
});

describe('field comparisons', () => {
  it('compares without case, with * wildcards and literal backslashes', () => {
    expect(splFires('Image="*\\\\BITSADMIN.exe"', both)).toEqual([0]);
    expect(splFires('Image=*\\\\System32\\\\*', both)).toEqual([0, 1]);
    expect(splFires('OriginalFileName IN ("x.exe", "cmd.exe")', both)).toEqual([1]);
    expect(splFires('ProcessId>6000 ProcessId<=6700', both)).toEqual([0, 1]);
    expect(splFires('ProcessId<100', both)).toEqual([]);
  });

  it('reads f!=v as present and different, NOT f=v as anything but v', () => {
    expect(splFires('NOT Missing=1', both)).toEqual([0, 1]);
    expect(splFires('Missing!=1', both)).toEqual([]);
    expect(splFires('OriginalFileName!=bitsadmin.exe', both)).toEqual([1]);
    expect(splFires('Image=* NOT Missing=*', both)).toEqual([0, 1]);
  });

  it('binds OR tighter than the implicit AND, and parentheses', () => {
    expect(splFires('Image=*cmd.exe OR Image=*bitsadmin.exe CommandLine=*transfer*', both)).toEqual([0]);
    expect(splFires('Image=*cmd.exe OR (Image=*bitsadmin.exe CommandLine=*nothing*)', both)).toEqual([1]);
    expect(splFires('NOT (Image=*cmd.exe OR CommandLine=*transfer*)', both)).toEqual([]);
  });

  it('narrows by a sourcetype the catalog knows, and reads CIM names from the event', () => {
    const query = '`sysmon` EventCode=1 process_name=bitsadmin.exe';
    expect(splFires(query, [bits, cmd, security4688])).toEqual([0]);
    expect(
      splFires('`wineventlog_security` EventCode=4688 process_name=bitsadmin.exe', [bits, security4688]),
    ).toEqual([1]);
    expect(splFires('sourcetype=PwSh:bootloader', both)).toEqual([]);
  });
});

describe('where and eval', () => {
  it('evaluates like(), match(), len() and isnull()', () => {
    expect(splFires('search * | where like(Image, "%bitsadmin%") AND len(CommandLine) > 20', both)).toEqual([
      0,
    ]);
    expect(splFires('search * | where len(CommandLine) > 500', both)).toEqual([]);
    expect(splFires('search * | where match(CommandLine, "(?i)/TRANSFER\\s+\\w+")', both)).toEqual([0]);
    expect(splFires('search * | where isnull(Missing) AND isnotnull(Image)', both)).toEqual([0, 1]);
    expect(splFires('search * | where like(OriginalFileName, "cmd.exe")', both)).toEqual([]);
    expect(splFires('search * | where OriginalFileName!="bitsadmin.exe"', both)).toEqual([1]);
  });

  it('reads computed columns in later filters', () => {
    expect(splFires('search * | eval cmd=lower(OriginalFileName) | where cmd="cmd.exe"', both)).toEqual([1]);
    expect(splFires('search * | eval n=mvcount(split(CommandLine, " ")) | where n > 5', both)).toEqual([0]);
    expect(
      splFires(
        'search * | eval k=case(match(Image, "cmd"), "shell", like(Image, "%bitsadmin%"), "bits", true(), "other") | search k=bits',
        both,
      ),
    ).toEqual([0]);
    expect(
      splFires(
        'search * | eval p=if(isnull(Missing), upper(substr(OriginalFileName, 1, 4)), "none") | where p="BITS"',
        both,
      ),
    ).toEqual([0]);
    expect(
      splFires(
        'search * | eval c=replace(CommandLine, "\\d+\\.\\d+\\.\\d+\\.\\d+", "IP") | where like(c, "%//IP/%")',
        both,
      ),
    ).toEqual([0]);
    expect(splFires('search * | eval u=coalesce(Missing, User) | where u="EXAMPLE\\\\alice"', both)).toEqual([
      0, 1,
    ]);
  });

  it('evaluates the multivalue and decoding functions detections use', () => {
    const last = 'search * | eval name=mvindex(split(Image, "\\\\"), -1) | where name="bitsadmin.exe"';
    expect(splFires(last, both)).toEqual([0]);
    expect(
      splFires('search * | eval w=split(CommandLine, " ") | where mvfind(w, "^/trans") = 1', both),
    ).toEqual([0]);
    expect(
      splFires('search * | eval d=urldecode("a%20b+c") | where d="a b c" AND pow(2, 3) = 8', both),
    ).toEqual([0, 1]);
    expect(
      splFires('search * | eval z=mvzip(split("a b", " "), split("1 2", " ")) | where z="b,2"', both),
    ).toEqual([0, 1]);
  });

  it('extracts rex groups into columns, every match with max_match=0', () => {
    const url =
      'search * | rex field=CommandLine "https?://(?<host>[\\d.]+)/(?P<file>\\w+)" | where host="203.0.113.7"';
    expect(splFires(url, both)).toEqual([0]);
    expect(splFires(`${url} AND file="p"`, both)).toEqual([0]);
    const words = 'search * | rex field=CommandLine max_match=0 "(?<w>/\\w+)" | where mvcount(w) = 5';
    expect(splFires(words, both)).toEqual([0]);
  });

  it('sums fields with addtotals', () => {
    const query =
      'search * | eval a=if(like(Image, "%bitsadmin%"), 2, 0), b="3" | addtotals fieldname=Score a, b, none';
    expect(splFires(`${query} | where Score >= 5`, both)).toEqual([0]);
  });

  it('renames columns for later stages, and a regex command filters', () => {
    expect(splFires('search * | rename Image as img | search img=*bitsadmin*', both)).toEqual([0]);
    expect(splFires('search * | regex CommandLine="/c\\s+who"', both)).toEqual([1]);
    expect(splFires('search * | regex CommandLine!="/c\\s+who"', both)).toEqual([0]);
  });
});
