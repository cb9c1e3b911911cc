import { CONSOLE_CSS } from './styles.ts';

/**
 * The console's HTML shell: the stylesheet inline and one module script (a content-hashed
 * `/assets/console-<hex>.js` path, nothing to escape). The script builds the rest of the
 * page; without JavaScript the page says so.
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
<script type="module" src="${scriptPath}"></script>
</head>
<body>
<noscript><p style="padding:24px">The crowdlight console needs JavaScript.</p></noscript>
<div id="app"></div>
</body>
</html>
`;
}
