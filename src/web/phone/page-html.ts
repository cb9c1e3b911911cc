/**
 * The audience page's HTML: a full-screen colour surface, the join card, a dim status dot
 * and its details panel. Styles are inline so the first paint needs one request; the
 * script is the content-addressed bundle.
 *
 * Accessibility: the page can be zoomed (no `user-scalable=no`; `touch-action` already
 * keeps a double tap from zooming), the join status is a live region so a screen reader
 * says "ready", the status dot is drawn 12 px but is a 32 px target with a name and an
 * expanded state, and the progress bar is hidden from assistive technology (the status
 * text says the same).
 */
export function pageHtml(scriptPath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="theme-color" content="#000000">
<link rel="icon" href="data:,">
<title>crowdlight</title>
<style>
html,body{margin:0;height:100%;background:#000;color:#ddd;font:16px/1.4 system-ui,sans-serif;overflow:hidden;touch-action:manipulation;-webkit-user-select:none;user-select:none}
#join{position:fixed;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:14px;padding:24px;background:rgba(0,0,0,.82);text-align:center}
#join[hidden],#details[hidden],#seatform[hidden]{display:none}
#join h1{margin:0;font-size:26px;font-weight:600;color:#fff}
#seatform{display:flex;gap:8px;flex-wrap:wrap;justify-content:center}
#seatform input{width:5.5em;padding:10px;font:inherit;border-radius:8px;border:1px solid #555;background:#111;color:#fff}
#start{padding:16px 40px;font:inherit;font-size:20px;font-weight:600;border:0;border-radius:999px;background:#fff;color:#000}
#bar{width:60%;max-width:320px;height:4px;background:#333;border-radius:2px;overflow:hidden}
#bar i{display:block;height:100%;width:0;background:#8cf}
#msg{min-height:1.4em;font-size:14px;color:#aaa}
#dot{position:fixed;right:4px;bottom:4px;width:32px;height:32px;padding:10px;border:0;background:none;color:#666;opacity:.35;box-sizing:border-box}
#dot::before{content:"";display:block;width:12px;height:12px;border-radius:50%;background:currentColor}
#details{position:fixed;left:12px;right:12px;bottom:36px;padding:12px;border-radius:10px;background:rgba(0,0,0,.85);color:#ccc;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap}
#details label{display:block;margin-top:8px;font-family:system-ui,sans-serif}
</style>
</head>
<body>
<div id="join">
<h1>crowdlight</h1>
<div id="seat"></div>
<form id="seatform" autocomplete="off">
<input name="section" placeholder="Section" list="sections" aria-label="Section">
<input name="row" placeholder="Row" aria-label="Row">
<input name="seat" placeholder="Seat" inputmode="numeric" aria-label="Seat">
<datalist id="sections"></datalist>
</form>
<button id="start" type="button">Tap to join</button>
<div id="bar" aria-hidden="true"><i></i></div>
<div id="msg" role="status" aria-live="polite">connecting…</div>
</div>
<button id="dot" type="button" aria-label="connection details" aria-controls="details" aria-expanded="false"></button>
<div id="details" hidden><span id="info"></span><label><input id="torch" type="checkbox"> torch follows the show</label></div>
<script type="module" src="${scriptPath}"></script>
</body>
</html>
`;
}
