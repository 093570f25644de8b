import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  checkDataset,
  planValidation,
  runValidate
} from "./chunk-XK4EQHAB.js";
import "./chunk-ONUP63ZO.js";
import "./chunk-ENFULHTQ.js";
import "./chunk-36W742SU.js";
import "./chunk-FVBUSK2P.js";
import "./chunk-WOM5VDK4.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-RN3VDXEH.js";
import "./chunk-IRARDZYB.js";
import "./chunk-F5OT2ZOW.js";
import "./chunk-7BDSWT4Z.js";
import "./chunk-RYC64SMY.js";
import "./chunk-VLYWMXNP.js";
import "./chunk-33QQTOMJ.js";
import "./chunk-KE5X3KEF.js";
import "./chunk-4JI63ZGI.js";
import "./chunk-JKVQ4H3Q.js";
import "./chunk-XU32KRXS.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-PRJFH6BC.js";
export {
  checkDataset,
  planValidation,
  runValidate
};
