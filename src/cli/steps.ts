/** The data and model steps, in one module so `main.ts` loads them (and TensorFlow.js) lazily. */
export { runEvaluate } from '../steps/evaluate.js';
export { runPipeline } from '../steps/pipeline.js';
export { runRegister } from '../steps/register.js';
export { runReport } from '../steps/report.js';
export { runTrain } from '../steps/train.js';
export { runValidate } from '../steps/validate.js';
