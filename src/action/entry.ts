/** The bundled action's entry: runs the umbrella action. */
import { main } from './main.js';

await main();
