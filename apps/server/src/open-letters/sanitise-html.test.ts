import { describe, expect, it } from "vitest";
import { sanitiseLetterHtml } from "./sanitise-html.js";

describe("open-letter HTML is cut down to a tiny allow-list before it is stored (R-4.10.1)", () => {
  it("keeps paragraphs, emphasis and lists, without attributes", () => {
    expect(
      sanitiseLetterHtml('<p class="x" style="color:red">尊敬的业主：</p><ul><li><strong>一</strong></li></ul>'),
    ).toBe("<p>尊敬的业主：</p><ul><li><strong>一</strong></li></ul>");
    expect(sanitiseLetterHtml("<p>第一行<br/>第二行</p><hr>")).toBe("<p>第一行<br>第二行</p><hr>");
  });

  it.each([
    ['<script>alert("xss")</script><img src=x onerror=alert(1)>', ""],
    ["<p onclick=alert(1)>点我</p>", "<p>点我</p>"],
    ['<a href="javascript:alert(1)">链接</a>', "链接"],
    ["<svg><script>alert(1)</script></svg>文字", "文字"],
    ["<scr<script>ipt>alert(1)</script>", "&lt;scr"],
    ["<style>body{display:none}</style>正文", "正文"],
    ['<img alt=">" onerror="alert(1)">', "&quot; onerror=&quot;alert(1)&quot;&gt;"],
    ["<!-- <script>alert(1)</script> -->正文", "正文"],
    ["<iframe src=//evil>", ""],
    ["<p>未闭合 <strong>加粗", "<p>未闭合 <strong>加粗</strong></p>"],
    ["</p>多余的结束</li>", "多余的结束"],
    ["1 < 2 && 3 > 2", "1 &lt; 2 &amp;&amp; 3 &gt; 2"],
    ["&lt;script&gt; stays text", "&lt;script&gt; stays text"],
    ["<SCRIPT SRC=//evil.js></SCRIPT>", ""],
    ["<p\nonmouseover=alert(1)>换行属性</p>", "<p>换行属性</p>"],
  ])("%s → %s", (input, output) => {
    const cleaned = sanitiseLetterHtml(input);
    expect(cleaned).toBe(output);
    expect(cleaned).not.toMatch(/<(?!\/?(p|br|strong|b|em|i|u|s|ul|ol|li|h2|h3|h4|blockquote|hr)>)/i);
  });
});
