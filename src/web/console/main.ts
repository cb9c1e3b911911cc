/** Browser entry of the operator console. */
import { startConsole } from './console-app.ts';
import { createPreviewPanel } from './preview-panel.ts';

const root = document.getElementById('app');
if (root) startConsole(root, { extraPanels: ({ palette }) => [createPreviewPanel((g) => palette.setGeometry(g))] });
