import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  runReport
} from "./chunk-RFVPV5D6.js";
import "./chunk-VULNSKNI.js";
import "./chunk-EPJNYDEE.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-RRK7RW54.js";
import "./chunk-TR5YPSUC.js";
import "./chunk-RFZDLVJK.js";
import "./chunk-4FCZWPGO.js";
import "./chunk-U75PPFJS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-ZA3UR7Y6.js";
import "./chunk-PRJFH6BC.js";
export {
  runReport
};
