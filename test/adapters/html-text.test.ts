import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../shared/adapters/mail/html-text.js';

describe('htmlToText', () => {
  it('keeps the text a reader sees: no tags, comments, scripts, styles or title', () => {
    const html = [
      '<!DOCTYPE html><html><head><title>Newsletter</title><style>p { color: red }</style>',
      '<script type="text/javascript">if (a < b) alert("x")</script></head>',
      '<body><!-- tracking <p>pixel</p> --><p>壶底<b>漏水</b>，<a href="https://x.example">订单</a></p>',
      '<img src="x" onerror="alert(2)" alt="a > b"></body></html>',
    ].join('\n');
    expect(htmlToText(html)).toBe('壶底漏水，订单');
  });

  it('breaks lines at blocks and <br>, collapses source whitespace, keeps it in <pre>', () => {
    const html =
      '<div>line   one\n  continues</div><p>two<br>three</p><ul><li>a</li><li>b</li></ul><pre>  x\n  y</pre>';
    expect(htmlToText(html)).toBe('line one continues\n\ntwo\nthree\n\na\nb\n\nx\ny');
  });

  it('puts table cells of a row on one line', () => {
    expect(
      htmlToText('<table><tr><td>型号</td><td>K1</td></tr><tr><td>数量</td><td>2</td></tr></table>'),
    ).toBe('型号 K1\n数量 2');
  });

  it('decodes named, decimal and hex entities once, and leaves unknown names as written', () => {
    expect(
      htmlToText(
        '&lt;b&gt; &amp;amp; caf&eacute; &#25237;&#x8BC9; &ldquo;ok&rdquo;&nbsp;&euro;5 &bogus; AT&T',
      ),
    ).toBe('<b> &amp; café 投诉 “ok” €5 &bogus; AT&T');
    expect(htmlToText('&#0;&#xD800;&#x110000;')).toBe('\uFFFD\uFFFD\uFFFD');
  });

  it('keeps a bare "<" that opens no tag, and drops everything after a tag that never closes', () => {
    expect(htmlToText('1 < 2 and 3 <4')).toBe('1 < 2 and 3 <4');
    expect(htmlToText('before <a href="x>y">link</a> after')).toBe('before link after');
    expect(htmlToText('kept <img src="never closed> lost')).toBe('kept');
    expect(htmlToText('kept <script>alert(1)')).toBe('kept');
  });

  it('takes linear time on hostile input', () => {
    // Each of these makes a backtracking regex over the whole input retry at every position.
    const inputs = [
      '<a "'.repeat(250_000),
      '<!--'.repeat(250_000),
      '<p '.repeat(300_000),
      '&#'.repeat(400_000),
    ];
    for (const input of inputs) expect(typeof htmlToText(input)).toBe('string');
  });
});
