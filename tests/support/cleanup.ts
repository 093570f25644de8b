/** Run after every test file's tests: no temp folder a test made outlives its file. */
import { afterAll } from '@jest/globals';
import { removeTempDirs } from './repo.js';

afterAll(removeTempDirs);
