/** Browser entry of the operator console. */
import { startConsole } from './console-app.ts';

const root = document.getElementById('app');
if (root) startConsole(root);
