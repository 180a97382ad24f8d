using System.Security.Cryptography;
using System.Text;

namespace KeyWarden.Reports.Html;

/// <summary>
/// The report page's stylesheet and script, inline so the file is self-contained. The page's Content-Security-Policy
/// allows exactly these two blocks by hash and nothing else (no network, no other script): even if escaping ever
/// failed, an injected &lt;script&gt; from a user name would not run.
/// </summary>
internal static class HtmlAssets
{
    public static string Hash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static string ContentSecurityPolicy =>
        $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Style)}'; img-src data:; base-uri 'none'; form-action 'none'";

    public const string Style = """

:root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --error: #8250df; --muted: #6e7781; --ink: #1f2328; --dim: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
header.page { background: #0d1117; color: #f0f6fc; padding: 20px 24px; }
header.page .inner { max-width: 1200px; margin: 0 auto; }
header.page h1 { margin: 0 0 4px; font-size: 22px; }
header.page p { margin: 0; color: #9198a1; overflow-wrap: anywhere; }
.verdict { padding: 12px 24px; font-size: 16px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.verdict .inner { max-width: 1200px; margin: 0 auto; }
.verdict.pass { background: #dafbe1; color: #116329; } .verdict.fail { background: #ffebe9; color: #82071e; } .verdict.error { background: #fbefff; color: #512a97; }
.verdict-detail { font-size: 13px; margin-left: 8px; }
h2 { font-size: 18px; margin: 28px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 8px; }
code { font: 12px/1.4 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", monospace; background: var(--bg); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.meta section { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.meta dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
.meta dt { color: var(--dim); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.alert { border: 1px solid var(--error); background: #fbefff; color: #512a97; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; }
.card { border: 1px solid var(--line); border-left: 5px solid var(--dim); border-radius: 8px; padding: 10px 12px; background: #fff; text-align: left; font: inherit; color: inherit; cursor: pointer; }
.card .count { display: block; font-size: 26px; font-weight: 700; }
.card.PASS { border-left-color: var(--pass); } .card.FAIL { border-left-color: var(--fail); } .card.WARN { border-left-color: var(--warn); }
.card.ERROR { border-left-color: var(--error); } .card.MUTED { border-left-color: var(--muted); }
.charts { display: grid; grid-template-columns: 1fr 1.4fr; gap: 16px; margin-top: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; fill: var(--ink); }
svg .axis { stroke: var(--line); }
svg .limit { stroke: var(--fail); stroke-width: 2; stroke-dasharray: 5 4; }
svg .limit-label { fill: var(--fail); font-weight: 600; }
svg .young { fill: var(--pass); } svg .old { fill: var(--fail); } svg .mixed { fill: var(--warn); }
svg .bar-PASS { fill: var(--pass); } svg .bar-FAIL { fill: var(--fail); } svg .bar-WARN { fill: var(--warn); } svg .bar-ERROR { fill: var(--error); } svg .bar-MUTED { fill: var(--muted); }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 10px; }
.controls label { color: var(--dim); }
.controls select, .controls input { font: inherit; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; }
.controls input { min-width: 260px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
td.principal, td.message, td.detail, td code { overflow-wrap: anywhere; }
td.rule { font-size: 12px; }
td.message { min-width: 12em; }
td .badge.class { white-space: normal; overflow-wrap: anywhere; }
thead th { background: var(--bg); position: sticky; top: 0; }
th button { font: inherit; text-align: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th button::after { content: " \2195"; color: var(--dim); }
th[aria-sort="ascending"] button::after { content: " \2191"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: " \2193"; color: var(--ink); }
td.num, th.num { text-align: right; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: var(--dim); white-space: nowrap; }
.badge.PASS { background: var(--pass); } .badge.FAIL { background: var(--fail); } .badge.WARN { background: var(--warn); }
.badge.ERROR { background: var(--error); } .badge.MUTED { background: var(--muted); }
table.accounts td.id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; } table.accounts td.detail { overflow-wrap: anywhere; }
.badge.flag { background: #fff8c5; color: #633c01; border: 1px solid #d4a72c; }
.badge.class { background: #ddf4ff; color: #0a3069; border: 1px solid #54aeff; }
.badge.keep { background: var(--pass); } .badge.deactivate { background: var(--fail); } .badge.inactive { background: var(--muted); } .badge.active { background: var(--dim); }
.small { font-size: 12px; color: var(--dim); }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--fail); border-radius: 8px; padding: 12px 14px; margin: 0 0 14px; }
.finding.WARN { border-left-color: var(--warn); } .finding.MUTED { border-left-color: var(--muted); }
.finding header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; margin-bottom: 8px; }
.keys { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 10px; margin: 8px 0; }
.key { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: var(--bg); }
.key.keep { border-color: var(--pass); } .key.deactivate { border-color: var(--fail); }
.key dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 6px 0 0; }
.key dt { color: var(--dim); } .key dd { margin: 0; overflow-wrap: anywhere; }
.finding header h3, .finding .arn, .finding .message { overflow-wrap: anywhere; }
td.num.FAIL { color: var(--fail); font-weight: 600; } td.num.ERROR { color: var(--error); font-weight: 600; } td.num.WARN { color: var(--warn); font-weight: 600; }
section.rule { border-top: 1px solid var(--line); padding-top: 12px; margin-top: 18px; }
section.rule h4 { font-size: 14px; margin: 14px 0 6px; }
.cis-note { font-size: 13px; color: var(--dim); }
.remedy { margin-top: 8px; }
.remedy p { margin: 6px 0 4px; }
.command { display: flex; gap: 8px; align-items: flex-start; }
.command pre { flex: 1; min-width: 0; margin: 0; padding: 6px 8px; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.command pre code { background: none; padding: 0; }
.command button { font: inherit; font-size: 12px; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.reasons { margin: 6px 0 0; padding-left: 20px; }
.mute { background: #f6f8fa; border-left: 3px solid var(--muted); padding: 4px 8px; margin: 6px 0; }
ol.steps li { margin-bottom: 4px; }
footer { color: var(--dim); font-size: 12px; margin: 32px 0 8px; }
.small code, td code { word-break: break-all; }
@media (max-width: 800px) { .cards { grid-template-columns: repeat(3, 1fr); } .charts { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  header.page { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  header.page p { color: var(--dim); }
  .controls, .no-print { display: none !important; }
  tbody tr[hidden] { display: table-row !important; }
  thead th { position: static; }
  .card { cursor: default; }
  .finding, figure, .key, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}

""";

    public const string Script = """

(function () {
  'use strict';
  var table = document.getElementById('findings');
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var statusFilter = document.getElementById('status-filter');
  var ruleFilter = document.getElementById('rule-filter');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown-count');
  var noMatch = document.getElementById('no-match');

  function apply() {
    var status = statusFilter.value;
    var rule = ruleFilter.value;
    var query = search.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var rowStatus = row.getAttribute('data-status');
      var statusOk = status === 'all' || (status === 'not-pass' ? rowStatus !== 'PASS' : rowStatus === status);
      var ruleOk = rule === 'all' || row.getAttribute('data-rule') === rule;
      var textOk = query === '' || row.getAttribute('data-text').indexOf(query) >= 0;
      row.hidden = !(statusOk && ruleOk && textOk);
      if (!row.hidden) { count++; }
    });
    shown.textContent = String(count);
    noMatch.hidden = count !== 0;
  }

  statusFilter.addEventListener('change', apply);
  ruleFilter.addEventListener('change', apply);
  search.addEventListener('input', apply);

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, index) {
    var button = th.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-type') === 'number';
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute('data-sort');
        var y = b.cells[index].getAttribute('data-sort');
        var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        if (c === 0) { c = parseInt(a.getAttribute('data-order'), 10) - parseInt(b.getAttribute('data-order'), 10); return c; }
        return ascending ? c : -c;
      });
      rows.forEach(function (row) { tbody.appendChild(row); });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-filter]'), function (el) {
    el.addEventListener('click', function () {
      statusFilter.value = el.getAttribute('data-filter');
      apply();
      document.getElementById('findings-section').scrollIntoView();
    });
  });

  // Copy buttons: the command is the text of the <code> beside the button, exactly as shown.
  Array.prototype.forEach.call(document.querySelectorAll('.command button.copy'), function (button) {
    button.addEventListener('click', function () {
      var code = button.parentNode.querySelector('code');
      if (!navigator.clipboard) { button.textContent = 'Select and copy'; return; }
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = 'Copied';
      }, function () {
        button.textContent = 'Copy failed';
      });
    });
  });

  apply();
})();

""";
}
