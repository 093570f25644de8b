import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  reportedModel,
  runComment
} from "./chunk-K3JKFNGV.js";
import "./chunk-RN3VDXEH.js";
import "./chunk-IRARDZYB.js";
import "./chunk-BCXK3WNT.js";
import "./chunk-LGK7GXXG.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-F5OT2ZOW.js";
import "./chunk-7BDSWT4Z.js";
import "./chunk-RYC64SMY.js";
import "./chunk-33QQTOMJ.js";
import "./chunk-KE5X3KEF.js";
import "./chunk-JKVQ4H3Q.js";
import "./chunk-XU32KRXS.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-PRJFH6BC.js";
export {
  reportedModel,
  runComment
};
