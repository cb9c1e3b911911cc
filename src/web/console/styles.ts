/**
 * The console's stylesheet, embedded in the page so the console is one HTML request plus one
 * script. Dark and low-glare for a dark control room; every control a finger can hit is at
 * least 48 px tall; the blackout button is always on screen.
 */
export const CONSOLE_CSS = `
:root {
  color-scheme: dark;
  --bg: #07090c; --panel: #10141a; --panel-2: #171c24; --line: #262d38;
  --text: #dfe4ea; --muted: #8a95a3; --accent: #4aa3ff; --ok: #3ccf7a; --warn: #f2b33d; --bad: #ff5a5f;
  --radius: 10px; --gap: 12px;
  font: 16px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); }
body { min-height: 100vh; }
button, input, select { font: inherit; color: inherit; }
button {
  min-height: 48px; padding: 0 16px; border: 1px solid var(--line); border-radius: var(--radius);
  background: var(--panel-2); cursor: pointer; touch-action: manipulation;
}
button:hover { border-color: #3a4554; }
button:active { transform: translateY(1px); }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
button[disabled] { opacity: .45; cursor: default; }
button.primary { background: #123a63; border-color: #1f5d9c; }
button.active { background: #1d4f2f; border-color: var(--ok); }
input, select {
  min-height: 48px; padding: 0 12px; border: 1px solid var(--line); border-radius: var(--radius);
  background: #0c0f14;
}
input[type=color] { padding: 4px; width: 64px; }
input[type=number] { width: 110px; }
label { display: inline-flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted); }
label > input, label > select { font-size: 16px; color: var(--text); }
label.inline { flex-direction: row; align-items: center; gap: 8px; font-size: 15px; color: var(--text); }
h2 { margin: 0 0 10px; font-size: 13px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); font-weight: 600; }
.hidden { display: none !important; }
.muted { color: var(--muted); }
.row { display: flex; flex-wrap: wrap; gap: var(--gap); align-items: flex-end; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 14px; padding: 14px; }

header.bar {
  position: sticky; top: 0; z-index: 5; display: flex; align-items: center; gap: 18px;
  padding: 10px 16px; background: rgba(7, 9, 12, .96); border-bottom: 1px solid var(--line);
}
.brand { font-weight: 700; letter-spacing: .04em; }
.bar-left { flex: 1; min-width: 0; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px; }
.bar-left > *, .bar-right > * { white-space: nowrap; }
.bar-right { flex: none; display: flex; align-items: center; gap: 12px; }
.show-name { color: var(--muted); max-width: 28ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.clock { font: 600 34px/1 ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; }
.mode { font-weight: 700; text-transform: uppercase; font-size: 14px; padding: 4px 10px; border-radius: 999px; background: var(--panel-2); }
.mode.playing { background: #1d4f2f; color: #b9f5cf; }
.mode.paused { background: #4d3c12; color: #ffe3a3; }
.conn { font-size: 13px; }
.conn.ok { color: var(--ok); } .conn.warn { color: var(--warn); } .conn.bad { color: var(--bad); }
.spacer { flex: 1; }
#last-action { max-width: 34ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 14px; }
button.blackout {
  min-height: 64px; min-width: 200px; font-size: 20px; font-weight: 800; letter-spacing: .06em;
  background: #3a0d10; border: 2px solid var(--bad); color: #ffd7d8;
}
button.blackout.on { background: var(--bad); color: #160203; box-shadow: 0 0 0 4px rgba(255, 90, 95, .35); }

main.grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr); gap: var(--gap); padding: var(--gap); }
@media (max-width: 900px) { main.grid { grid-template-columns: 1fr; } }
.col { display: flex; flex-direction: column; gap: var(--gap); min-width: 0; }

.progress { height: 8px; border-radius: 4px; background: var(--panel-2); overflow: hidden; margin: 4px 0 12px; }
.progress > div { height: 100%; width: 0; background: var(--accent); }
.transport button { min-width: 96px; font-weight: 600; }

.presets { display: grid; grid-template-columns: repeat(auto-fill, minmax(116px, 1fr)); gap: 10px; margin-bottom: 12px; }
.preset { min-height: 64px; display: flex; flex-direction: column; justify-content: center; align-items: flex-start; gap: 2px; text-align: left; }
.preset .swatch { width: 100%; height: 8px; border-radius: 4px; }
.preset .key { font-size: 11px; color: var(--muted); }
.preset .warn { font-size: 11px; color: var(--warn); }
.params { display: flex; flex-wrap: wrap; gap: 10px; }

ul.cues { list-style: none; margin: 0 0 10px; padding: 0; display: flex; flex-direction: column; gap: 8px; }
ul.cues li { display: flex; align-items: center; gap: 10px; padding: 8px 10px; border-radius: var(--radius); background: var(--panel-2); }
ul.cues li .swatch { width: 18px; height: 18px; border-radius: 50%; flex: none; border: 1px solid var(--line); }
ul.cues li .what { flex: 1; min-width: 0; }
ul.cues li .what small { display: block; color: var(--muted); }
ul.cues li button { min-width: 88px; }
.empty { color: var(--muted); padding: 6px 0 12px; }

dl.stats { display: grid; grid-template-columns: auto 1fr; gap: 6px 16px; margin: 0; }
dl.stats dt { color: var(--muted); }
dl.stats dd { margin: 0; font-variant-numeric: tabular-nums; }
.big { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.level-good { color: var(--ok); } .level-warn { color: var(--warn); } .level-bad { color: var(--bad); } .level-none { color: var(--muted); }

canvas.chart { display: block; width: 100%; height: 90px; margin-top: 10px; border-radius: 6px; background: #0c0f14; }
.legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend i { display: inline-block; width: 10px; height: 3px; margin-right: 5px; vertical-align: middle; }
canvas.preview { display: block; width: 100%; max-width: 520px; margin: 0 auto; height: auto; background: #000; border-radius: var(--radius); image-rendering: pixelated; }

.toast { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 10; max-width: 90vw;
  padding: 12px 16px; border-radius: var(--radius); background: #3a0d10; border: 1px solid var(--bad); }

.login { max-width: 460px; margin: 12vh auto; display: flex; flex-direction: column; gap: 14px; }
.login input { width: 100%; }
.login .error { color: var(--bad); min-height: 1.4em; }
footer.keys { padding: 0 var(--gap) var(--gap); font-size: 13px; white-space: pre-wrap; }
kbd { font: 12px ui-monospace, monospace; padding: 1px 5px; border: 1px solid var(--line); border-radius: 4px; background: var(--panel-2); }
`;
