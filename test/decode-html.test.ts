// The decoder on HTML: a government page's article and tables as TAB-separated rows, merged
// cells expanded into the grid.

import { describe, expect, it } from 'vitest';
import { decodeReport } from '../src/lib/decode/index.ts';
import { expandGrid } from '../src/lib/decode/html-table.ts';
import { encode, expectRefused, rules, utf8 } from './helpers/decode.ts';

function govPage(head: string): string {
  return `<!DOCTYPE html>
<html><head>${head}<title>某镇人民政府网站</title>
<style>.nav { color: red }</style>
<script>var menu = "<p>脚本内容</p>"; if (a < b) { document.write("脚本"); }</script></head>
<body>
<div class="top-header"><img src="logo.png">某镇人民政府门户网站</div>
<ul id="mainMenu"><li><a href="/">首页</a></li><li><a href="/gk">办事服务大厅</a></li></ul>
<nav><a href="/">网站导航</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<form id="form1"><div class="main">
 <div class="left-sidebar"><ul><li>通知公告</li><li>政策文件</li></ul></div>
 <h1 class="title">某镇2023年政府信息公开工作年度报告</h1>
 <div class="info">发布日期：2024-01-20</div>
 <div id="zoom" class="TRS_Editor">
  <p>一、总体情况</p>
  <p>&nbsp;&nbsp;2023年，我镇认真贯彻&#x300A;条例&#12299;&amp;有关规定，
     全面推进政务公开。</p>
  <p>三、收到和处理政府信息公开申请情况</p>
  <table border="1" cellspacing="0">
   <tbody>
   <tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
   <tr class="table-header"><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
   <tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
   <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>21</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>21</td></tr>
   <tr><td rowspan="4">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>
   <tr><td rowspan="3">（三）不予公开</td><td>1.属于国家秘密</td><td><p><span>1</span></p></td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
   <tr><td>2.其他法律行政法规禁止公开</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td><td>2</td></tr>
   <tr><td>3.危及“三安全一稳定”</td><td>0</td><td></td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
   </tbody>
  </table>
  <p>五、存在的主要问题及改进情况</p>
 </div>
 <div class="share-bar">分享到：微信 微博</div>
</div></form>
<div id="footer">主办：某镇人民政府　版权所有</div>
<footer>网站标识码 0000000000</footer>
</body></html>`;
}

function cells(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.split('\t').includes(label));
  expect(line, `row ${label}`).toBeDefined();
  return (line as string).split('\t');
}

describe('HTML', () => {
  const html = govPage('<meta charset="utf-8">');

  it('keeps the report and drops the site chrome', () => {
    const r = decodeReport(utf8(html), 'report.html');
    expect(r.ok).toBe(true);
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('utf-8');
    expect(rules(r)).toEqual(['input_html']);
    expect(r.findings[0].severity).toBe('info');
    expect(r.findings[0].message).toContain('report.html');
    for (const chrome of ['首页', '办事服务大厅', '网站导航', '当前位置', '通知公告', '分享到', '版权所有', '网站标识码', '脚本', '某镇人民政府网站', 'color']) {
      expect(r.text).not.toContain(chrome);
    }
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('某镇2023年政府信息公开工作年度报告');
    expect(lines).toContain('一、总体情况');
    expect(lines).toContain('\u00a0\u00a02023年，我镇认真贯彻《条例》&有关规定， 全面推进政务公开。');
    expect(r.text.endsWith('五、存在的主要问题及改进情况\n')).toBe(true);
  });

  it('writes table rows as TAB-separated cells with spans expanded', () => {
    const { text } = decodeReport(utf8(html), 'report.html');
    const header2 = cells(text, '自然人');
    expect(header2).toEqual(['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计']);
    const header3 = cells(text, '科研机构');
    expect(header3).toEqual(['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']);
    expect(cells(text, '一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', '', '', '21', '0', '0', '0', '0', '0', '21']);
    expect(cells(text, '（一）予以公开')).toEqual(['三、本年度办理结果', '（一）予以公开', '', '4', '0', '0', '0', '0', '0', '4']);
    expect(cells(text, '1.属于国家秘密')).toEqual(['', '（三）不予公开', '1.属于国家秘密', '1', '0', '0', '0', '0', '0', '1']);
    // Figures stay under their headers: 其他 (column 8) and 总计 (column 9).
    const row2 = cells(text, '2.其他法律行政法规禁止公开');
    expect(row2[header3.indexOf('其他')]).toBe('2');
    expect(row2[header2.indexOf('总计')]).toBe('2');
    // An empty cell keeps its place.
    expect(cells(text, '3.危及“三安全一稳定”')).toEqual(['', '', '3.危及“三安全一稳定”', '0', '', '0', '0', '0', '0', '0']);
  });

  it('reads the same page saved as GB2312 with a meta charset', () => {
    const expectedText = decodeReport(utf8(html), 'report.html').text;
    for (const head of ['<meta charset="gb2312">', '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">']) {
      const r = decodeReport(encode(govPage(head), 'gb2312'), 'report-gb.htm');
      expect(r.ok).toBe(true);
      expect(r.format).toBe('html');
      expect(r.encoding).toBe('gb18030');
      expect(rules(r)).toEqual(['input_encoding', 'input_html']);
      expect(r.findings[0].message).toContain('report-gb.htm');
      expect(r.text).toBe(expectedText);
    }
  });

  it('prefers valid UTF-8 over a stale meta charset, and reads UTF-16 pages', () => {
    const expectedText = decodeReport(utf8(html), 'report.html').text;
    expect(decodeReport(utf8(govPage('<meta charset="gbk">')), 'saved.html').text).toBe(expectedText);
    const r = decodeReport(encode(html, 'utf-16le', true), 'utf16.html');
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('utf-16le');
    expect(r.text).toBe(expectedText);
  });

  it('sniffs HTML by content, not by extension', () => {
    const r = decodeReport(utf8('<p>一、总体情况</p><p>二、主动公开政府信息情况</p>'), 'report.txt');
    expect(r.format).toBe('html');
    expect(r.text).toBe('一、总体情况\n二、主动公开政府信息情况\n');
    const plain = decodeReport(utf8('一、总体情况\n见 <table> 说明\n'), 'report.html');
    expect(plain.format).toBe('text');
  });

  it('reads data tables inside a layout table', () => {
    const page = `<html><body><table><tr><td class="menu">首页 | 信息公开</td></tr><tr><td>
      <p>二、主动公开政府信息情况</p>
      <table><tr><th>信息内容</th><th>本年制发件数</th></tr><tr><td>规章</td><td>3</td></tr></table>
    </td></tr></table></body></html>`;
    const r = decodeReport(utf8(page), 'layout.html');
    expect(r.text).toBe('二、主动公开政府信息情况\n信息内容\t本年制发件数\n规章\t3\n');
  });

  it('does not take a small content-named box for the article', () => {
    const page = `<html><body><div class="view-count">阅读次数：12</div>
      <div><p>一、总体情况</p><p>本机关全面推进政府信息公开工作，主动公开政府信息 120 条。</p></div></body></html>`;
    const r = decodeReport(utf8(page), 'plain.html');
    expect(r.text).toContain('一、总体情况\n本机关全面推进政府信息公开工作，主动公开政府信息 120 条。\n');
  });

  it('says so when a page has no text', () => {
    const r = decodeReport(utf8('<html><body><nav>首页</nav><img src="scan.jpg"></body></html>'), 'scan.html');
    expectRefused(r, 'html', 'input_empty', 'scan.html');
  });
});

describe('grid expansion', () => {
  it('keeps a spanned cell’s text in its first position only', () => {
    const grid = expandGrid(
      [['A', 'B'], ['C'], ['D', 'E', 'F']],
      [
        [{ rowspan: 2, colspan: 2 }, { rowspan: 1, colspan: 1 }],
        [{ rowspan: 1, colspan: 1 }],
        [{ rowspan: 1, colspan: 1 }, { rowspan: 1, colspan: 1 }, { rowspan: 1, colspan: 1 }],
      ],
    );
    expect(grid).toEqual([['A', '', 'B'], ['', '', 'C'], ['D', 'E', 'F']]);
  });
});
