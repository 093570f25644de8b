/** What the registry commands need: git and the release store, without TensorFlow.js. */
export { runPromote } from '../steps/promote.js';
export { runDeprecate, runDeregister, runUnassign } from '../steps/registry-events.js';
export { runFetch } from '../steps/fetch.js';
export { formatDoctorReport, runDoctor } from '../steps/doctor.js';
export { runComment } from '../steps/comment.js';
export { listRegistry } from './registry-ls.js';
export { showModel } from './registry-show.js';
export { modelHistory } from './registry-history.js';
export { describeRef } from './registry-check-ref.js';
export { createLocalDeps } from './deps.js';
