/** The steps the CLI runs, in one module so `main.ts` can load them (and TensorFlow.js) lazily. */
export { runEvaluate } from '../actions/evaluate.js';
export { runPipeline } from '../actions/pipeline.js';
export { runPromote } from '../actions/promote.js';
export { runRegister } from '../actions/register.js';
export { runReport } from '../actions/report.js';
export { runTrain } from '../actions/train.js';
export { runValidate } from '../actions/validate.js';
export { listRegistry } from './registry-ls.js';
export { createLocalDeps } from './deps.js';
