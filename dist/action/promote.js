import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  main
} from "./chunk-HQPJNI2N.js";
import "./chunk-E7E2O5LR.js";
import "./chunk-K3JKFNGV.js";
import "./chunk-RN3VDXEH.js";
import "./chunk-IRARDZYB.js";
import "./chunk-BCXK3WNT.js";
import "./chunk-LGK7GXXG.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-F5OT2ZOW.js";
import "./chunk-7BDSWT4Z.js";
import "./chunk-BKOIQZVU.js";
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

// step-entry:promote
await main("promote");
