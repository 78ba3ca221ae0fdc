// The SQL console's rules (src/lib/db/sql-console.ts): what may run,
// which files a query loads, how errors read, and the CSV of a result.

import { describe, expect, it } from 'vitest';
import { sqlExamples } from '../src/lib/db/queries/sql-examples.ts';
import { ALL_PARTS_LIMIT, checkSql, explainError, loadPlan, missingTable, provincesIn, readByProvince, resultCsv, SPLIT_LOAD_LIMIT, tokenize, type ConsoleTable } from '../src/lib/db/sql-console.ts';

const ok = (sql: string) => checkSql(sql).ok;
const message = (sql: string) => {
  const v = checkSql(sql);
  return v.ok ? null : v.message;
};

describe('what may run', () => {
  it('lets read-only queries through', () => {
    for (const sql of [
      'SELECT * FROM reports',
      'select count(*) from reports;',
      'WITH t AS (SELECT 1 AS x) SELECT * FROM t',
      'FROM reports LIMIT 3',
      '(SELECT 1) UNION ALL (SELECT 2)',
      'VALUES (1, 2)',
      'DESCRIBE reports',
      'SUMMARIZE findings',
      'SHOW TABLES',
      'EXPLAIN SELECT 1',
      'EXPLAIN ANALYZE SELECT 1',
      "SELECT CASE WHEN year > 2020 THEN '新' ELSE '旧' END AS 年代 FROM reports",
      "SELECT * REPLACE (upper(town) AS town) FROM reports",
      "SELECT 'DROP TABLE reports; DELETE' AS s -- DROP TABLE reports",
      'SELECT "delete" FROM (SELECT 1 AS "delete")',
      // In an E'' string a backslash escapes the quote (as in DuckDB): all of this is one string.
      "SELECT E'\\' ; DROP TABLE reports; --' AS s",
      "SELECT $$ COPY x TO 'y' $$ AS s",
      "SELECT /* INSTALL httpfs */ 1",
      ...sqlExamples({ split: ['checks', 'reports'], province: { code: '37', name: '山东省' } }).map((e) => e.sql),
    ]) {
      expect(checkSql(sql), sql).toMatchObject({ ok: true });
    }
  });

  it('refuses every statement that writes, reads files, attaches, installs or configures, with a reason', () => {
    const cases: [string, RegExp][] = [
      ["COPY reports TO 'out.csv'", /COPY 会读写文件/],
      ["COPY (SELECT 1) TO '/tmp/x.parquet' (FORMAT parquet)", /COPY/],
      ["ATTACH 'http://example.com/x.duckdb' AS x", /ATTACH 会连接/],
      ['INSTALL httpfs', /INSTALL 会安装或载入扩展/],
      ['FORCE INSTALL httpfs', /INSTALL/],
      ['LOAD httpfs', /LOAD/],
      ['DROP TABLE reports', /DROP 会创建、删除或改动表/],
      ['DELETE FROM reports', /DELETE 会修改数据表中的行/],
      ["UPDATE reports SET town = 'x'", /UPDATE/],
      ["INSERT INTO reports SELECT * FROM reports", /INSERT/],
      ['CREATE TABLE x AS SELECT 1', /CREATE/],
      ['CREATE OR REPLACE MACRO m() AS 1', /CREATE/],
      ['ALTER TABLE reports RENAME TO r', /ALTER/],
      ['SET enable_external_access = true', /SET 会改变查询引擎的设置/],
      ['PRAGMA database_list', /PRAGMA/],
      ['CALL pragma_version()', /CALL/],
      ["EXPORT DATABASE 'x'", /EXPORT/],
      ['CHECKPOINT', /CHECKPOINT/],
      ['BEGIN TRANSACTION', /BEGIN/],
      ['WITH d AS (SELECT 1) DELETE FROM reports', /DELETE/],
      ['EXPLAIN DELETE FROM reports', /DELETE/],
      ['SELECT 1; DROP TABLE reports', /一次只能运行一条语句/],
      ['SELECT 1; SELECT 2', /一次只能运行一条语句/],
      ['PIVOT reports ON year', /不是查询语句/],
      ['', /请输入/],
      ['-- only a comment', /请输入/],
      ["SELECT 'unterminated", /字符串没有结束/],
      ['SELECT /* a /* nested */ */ 1', /注释不能嵌套/],
      // A backslash ends nothing in a plain string (as in DuckDB): what follows is a second statement.
      ["SELECT 'a\\' ; DROP TABLE reports; --'", /一次只能运行一条语句|DROP/],
    ];
    for (const [sql, reason] of cases) {
      const m = message(sql);
      expect(m, sql).not.toBeNull();
      expect(m, sql).toMatch(reason);
    }
  });

  it('reads strings, quoted names and comments as DuckDB does', () => {
    expect(tokenize(`SELECT 'it''s' AS "a ""b""", E'x\\'y' -- c\n/* d */ FROM t`).map((t) => [t.type, t.text])).toEqual([
      ['word', 'SELECT'],
      ['string', "it's"],
      ['word', 'AS'],
      ['ident', 'a "b"'],
      ['punct', ','],
      ['string', "x'y"],
      ['word', 'FROM'],
      ['word', 't'],
    ]);
    expect(ok('SELECT 省份 AS 名称 FROM reports')).toBe(true);
  });
});

const table = (name: string, parts: [string, number][] | number): ConsoleTable => ({
  name,
  label: name,
  columns: ['report_id', 'province_code'],
  rows: 10,
  bytes: typeof parts === 'number' ? parts : null,
  split: typeof parts !== 'number',
  parts: typeof parts === 'number' ? [] : parts.map(([province, bytes]) => ({ province, bytes })),
});

describe('what a query loads', () => {
  const tokens = (sql: string) => {
    const v = checkSql(sql);
    if (!v.ok) throw new Error(v.message);
    return v.tokens;
  };

  it('finds the provinces a query names', () => {
    expect(provincesIn(tokens("SELECT * FROM checks WHERE province_code = '37'"))).toEqual(['37']);
    expect(provincesIn(tokens("SELECT * FROM checks c WHERE c.province_code IN ('37', '32') AND year = 2020"))).toEqual(['32', '37']);
    expect(provincesIn(tokens("SELECT * FROM checks c WHERE '44' = c.province_code"))).toEqual(['44']);
    expect(provincesIn(tokens("SELECT * FROM checks WHERE \"province_code\" = '11'"))).toEqual(['11']);
    expect(provincesIn(tokens("SELECT * FROM checks WHERE county_code = '370784' -- province_code = '99'"))).toEqual([]);
    expect(provincesIn(tokens("SELECT * FROM checks WHERE province_code = '3'"))).toEqual([]);
  });

  it('reads a whole table whole', () => {
    const plan = loadPlan(table('reports', 9_000), [], []);
    expect(plan).toEqual({ ok: true, request: { name: 'reports', table: 'reports', columns: ['report_id', 'province_code'], where: null }, provinces: [] });
  });

  it('reads a small split table whole (its located parts), whatever the query asks', () => {
    const small = table('places', [['11', 1e5], ['32', 2e5], ['', 1e4]]);
    expect(loadPlan(small, [], [])).toMatchObject({ ok: true, provinces: ['11', '32'], request: { where: { province_code: ['11', '32'] } } });
    expect(loadPlan(small, ['32'], [])).toMatchObject({ ok: true, provinces: ['11', '32'] });
  });

  it('reads a large split table for the provinces asked, together with those read before', () => {
    const checks = table('checks', [['11', 9e6], ['32', 9e6], ['37', 9e6], ['', 1e5]]);
    expect(readByProvince(checks)).toBe(true);
    expect(loadPlan(checks, ['37'], [])).toMatchObject({ ok: true, provinces: ['37'], request: { name: 'checks', table: 'checks', where: { province_code: ['37'] } } });
    expect(loadPlan(checks, ['32'], ['37'])).toMatchObject({ ok: true, provinces: ['32', '37'] });
    // A province with no file adds nothing.
    expect(loadPlan(checks, ['99'], [])).toMatchObject({ ok: true, provinces: [], request: { where: { province_code: ['--'] } } });
  });

  it('reads a whole table with too many cells by province too', () => {
    const disclosures: ConsoleTable = { ...table('disclosures', 14e6), rows: 3_500_000, columns: Array.from({ length: 15 }, (_, i) => `c${i}`) };
    expect(readByProvince(disclosures)).toBe(true);
    expect(loadPlan(disclosures, [], [])).toMatchObject({ ok: false, message: expect.stringMatching(/共 3,500,000 行.*province_code = '37'/) });
    expect(loadPlan(disclosures, ['44'], [])).toMatchObject({ ok: true, provinces: ['44'], request: { where: { province_code: ['44'] } } });
  });

  it('refuses to read a large split table without a province, or too many provinces at once', () => {
    const big = table('checks', Array.from({ length: 31 }, (_, i) => [String(11 + i), ALL_PARTS_LIMIT / 8] as [string, number]));
    const refused = loadPlan(big, [], []);
    expect(refused.ok).toBe(false);
    expect((refused as { message: string }).message).toMatch(/按省份分为 31 个文件.*province_code = '11'/);
    const huge = table('applications', [['11', SPLIT_LOAD_LIMIT], ['12', ALL_PARTS_LIMIT]]);
    expect(loadPlan(huge, ['11', '12'], [])).toMatchObject({ ok: false });
  });
});

describe('errors and results', () => {
  it('names the missing table DuckDB reports, so that it can be loaded', () => {
    expect(missingTable('Catalog Error: Table with name reports does not exist!\nDid you mean "pg_type"?')).toBe('reports');
    expect(missingTable('Catalog Error: Table with name "region_year" does not exist!')).toBe('region_year');
    expect(missingTable('Parser Error: syntax error')).toBeNull();
  });

  it('explains refusals from DuckDB in Chinese, with its own message below', () => {
    const external = explainError('Permission Error: Cannot access file "http://example.com/y.csv" - file system operations are disabled by configuration', ['reports']);
    expect(external).toMatch(/^已拒绝：查询只能读取本网站的数据表/);
    expect(external).toContain('Permission Error');
    expect(explainError('Catalog Error: Table Function with name "read_parquet" is not in the catalog, but it exists in the parquet extension.', [])).toMatch(/^已拒绝：这个函数属于 DuckDB 的 parquet 扩展/);
    expect(explainError('Parser Error: syntax error at or near "SELEC"', [])).toMatch(/^语法错误/);
    expect(explainError('Binder Error: Referenced column "x" not found', [])).toMatch(/^列名、表名或函数用法有误/);
  });

  it('writes CSV with a BOM, quoting as RFC 4180, nulls empty', () => {
    expect(resultCsv(['省份', 'n', 'note'], [['山东省', 3, null], ['a,"b"', 1.5, 'x\ny']])).toBe('\uFEFF省份,n,note\r\n山东省,3,\r\n"a,""b""",1.5,"x\ny"\r\n');
  });
});
