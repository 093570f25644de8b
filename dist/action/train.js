import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  main
} from "./chunk-STKXZ76S.js";
import "./chunk-7ZPURCUC.js";
import "./chunk-YE74VAHW.js";
import "./chunk-INPWGZJC.js";
import "./chunk-VULNSKNI.js";
import "./chunk-EPJNYDEE.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-34X4ZDTJ.js";
import "./chunk-TAQL4A6A.js";
import "./chunk-RRK7RW54.js";
import "./chunk-TR5YPSUC.js";
import "./chunk-RFZDLVJK.js";
import "./chunk-4FCZWPGO.js";
import "./chunk-U75PPFJS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-ZA3UR7Y6.js";
import "./chunk-PRJFH6BC.js";

// step-entry:train
await main("train");
