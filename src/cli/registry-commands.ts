/** What the registry commands need: git and the release store, without TensorFlow.js. */
export { runPromote } from '../steps/promote.js';
export { listRegistry } from './registry-ls.js';
export { createLocalDeps } from './deps.js';
