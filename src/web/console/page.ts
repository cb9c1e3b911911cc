import { CONSOLE_CSS } from './styles.ts';

/** Escapes text for an HTML attribute or text node. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The console's HTML shell: the stylesheet inline and one module script. The script builds
 * the rest of the page; without JavaScript the page says so.
 */
export function consolePageHtml(scriptPath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark">
<link rel="icon" href="data:,">
<title>crowdlight console</title>
<style>${CONSOLE_CSS}</style>
<script type="module" src="${escapeHtml(scriptPath)}"></script>
</head>
<body>
<noscript><p style="padding:24px">The crowdlight console needs JavaScript.</p></noscript>
<div id="app"></div>
</body>
</html>
`;
}
