export { buildConsoleAssets, ConsoleBuildError, CONSOLE_PATH } from './build.ts';
export { consolePageHtml } from './page.ts';
