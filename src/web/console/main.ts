/** Browser entry of the operator console. */
const root = document.getElementById('app');
if (root) root.textContent = 'crowdlight console';
