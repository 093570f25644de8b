/** The data and model steps, in one module so `main.ts` loads them (and TensorFlow.js) lazily. */
export { runEvaluate } from '../actions/evaluate.js';
export { runPipeline } from '../actions/pipeline.js';
export { runRegister } from '../actions/register.js';
export { runReport } from '../actions/report.js';
export { runTrain } from '../actions/train.js';
export { runValidate } from '../actions/validate.js';
